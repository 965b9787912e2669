import { useEffect, useMemo, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Map, View } from '@tarojs/components';
import type { MapProps } from '@tarojs/components/types/Map';
import { mapDatum, pinMoved } from '../../features/report/mapDatum';
import { t } from '../../i18n';
import type { MapPickerProps } from './mapPickerProps';
import './mapPicker.scss';

const mapId = 'jf-report-map';
/** WeChat's map component and its events are in GCJ-02. */
const datum = mapDatum('gcj02');

/**
 * The mini-program's map picker: WeChat's native map (its own tiles, GCJ-02) with the district's outlines
 * and the GPS accuracy circle; the pin stays in the middle and the map's centre when a pan or zoom ends
 * is the report's point, converted to WGS-84.
 */
export function MapPicker({ value, fallbackCentre, gps, district, onPick, disabled }: MapPickerProps) {
  const picked = useRef(value);
  // The centre the component is told; changed only for a pin set from outside, so a pan is not undone.
  const [centre, setCentre] = useState(() => datum.toMap(value ?? fallbackCentre));
  useEffect(() => {
    if (!value || !pinMoved(picked.current, value)) return;
    picked.current = value;
    setCentre(datum.toMap(value));
  }, [value]);

  const polygons = useMemo<MapProps.polygon[]>(() => {
    const outline = (rings: ReadonlyArray<ReadonlyArray<readonly [number, number]>>) =>
      (rings[0] ?? []).map(([lng, lat]) => {
        const point = datum.toMap({ lat, lng });
        return { latitude: point.lat, longitude: point.lng };
      });
    return [
      ...(district?.grids ?? []).map((grid) => ({
        points: outline(grid.geometry.coordinates),
        strokeWidth: 1,
        strokeColor: '#7a8a99',
        fillColor: '#00000000',
        dashArray: [4, 4],
      })),
      ...(district?.features ?? []).map((street) => ({
        points: outline(street.geometry.coordinates),
        strokeWidth: 2,
        strokeColor: '#1f6febcc',
        fillColor: '#1f6feb14',
      })),
    ];
  }, [district]);

  const circles = useMemo<MapProps.circle[]>(() => {
    if (!gps?.accuracy) return [];
    const at = datum.toMap(gps);
    return [
      {
        latitude: at.lat,
        longitude: at.lng,
        radius: gps.accuracy,
        color: '#2b8a3e',
        fillColor: '#2b8a3e22',
        strokeWidth: 1,
      },
    ];
  }, [gps]);

  const settle = (point: { latitude: number; longitude: number } | undefined) => {
    if (!point || !Number.isFinite(point.latitude) || !Number.isFinite(point.longitude)) return;
    const wgs = datum.fromMap({ lat: point.latitude, lng: point.longitude });
    if (!pinMoved(picked.current, wgs)) return;
    picked.current = wgs;
    onPick(wgs);
  };

  const onRegionChange: MapProps['onRegionChange'] = (event) => {
    if (disabled || event.detail.type !== 'end') return;
    const centred = (event.detail as unknown as { centerLocation?: { latitude: number; longitude: number } })
      .centerLocation;
    if (centred) {
      settle(centred);
      return;
    }
    // Older base libraries do not send the centre with the event: ask the map for it.
    Taro.createMapContext(mapId).getCenterLocation({
      success: (result) => settle({ latitude: result.latitude, longitude: result.longitude }),
    });
  };

  return (
    <View className="jf-map" data-testid="report-map">
      <Map
        id={mapId}
        className="jf-map__native"
        latitude={centre.lat}
        longitude={centre.lng}
        scale={17}
        polygons={polygons}
        circles={circles}
        showLocation
        enableScroll={!disabled}
        enableZoom={!disabled}
        onRegionChange={onRegionChange}
        // A map that fails to draw leaves the street choice and the address field: nothing to add here.
        onError={() => undefined}
      />
      <View className="jf-map__pin" ariaLabel={t('report.map.pin')}>
        <View className="jf-map__pin-head" />
        <View className="jf-map__pin-tail" />
      </View>
    </View>
  );
}
