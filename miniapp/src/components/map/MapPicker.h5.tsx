import { useEffect, useRef } from 'react';
import { View } from '@tarojs/components';
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { mapDatum, pinMoved, ringsOnMap } from '../../features/report/mapDatum';
import { t } from '../../i18n';
import type { MapPickerProps } from './mapPickerProps';
import './mapPicker.scss';

/** Street level on tiles; without them a wider view, so the street and grid outlines give the bearings. */
const zoomOnTiles = 17;
const zoomOnOutlines = 15;

/**
 * The H5 map picker: Leaflet with the configured tiles (moved onto their datum when GCJ-02) or, without
 * them, just the district's outlines on a plain background. The pin stays in the middle; the resident
 * pans the map under it, and the map's centre when the pan ends is the report's point.
 */
export function MapPicker({ value, fallbackCentre, gps, district, tiles, onPick, disabled }: MapPickerProps) {
  const holder = useRef<HTMLDivElement | null>(null);
  const map = useRef<L.Map | null>(null);
  const layers = useRef<L.LayerGroup | null>(null);
  const picked = useRef(value);
  const onPickRef = useRef(onPick);
  onPickRef.current = onPick;
  const datum = mapDatum(tiles?.coordinateSystem ?? 'wgs84');
  const datumRef = useRef(datum);
  datumRef.current = datum;

  // The map itself, once; tiles again when the configuration arrives.
  useEffect(() => {
    if (!holder.current) return undefined;
    const start = datumRef.current.toMap(value ?? fallbackCentre);
    const created = L.map(holder.current, {
      center: [start.lat, start.lng],
      zoom: tiles ? zoomOnTiles : zoomOnOutlines,
      zoomControl: true,
      // No glide after a drag: the pin lands where the finger lets go.
      inertia: false,
      attributionControl: Boolean(tiles),
      minZoom: tiles?.minZoom ?? 12,
      maxZoom: tiles?.maxZoom ?? 19,
    });
    if (tiles) {
      L.tileLayer(tiles.urlTemplate, {
        subdomains: tiles.subdomains.length ? tiles.subdomains : ['a'],
        attribution: tiles.attribution,
        minZoom: tiles.minZoom,
        maxZoom: tiles.maxZoom,
      }).addTo(created);
    }
    layers.current = L.layerGroup().addTo(created);
    created.on('moveend', () => {
      const centre = created.getCenter();
      const point = datumRef.current.fromMap({ lat: centre.lat, lng: centre.lng });
      if (!pinMoved(picked.current, point)) return;
      picked.current = point;
      onPickRef.current(point);
    });
    map.current = created;
    return () => {
      created.remove();
      map.current = null;
    };
    // The map is rebuilt only when the tile source changes; the pin and overlays follow below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tiles]);

  // Outlines (streets bold, grids fine) and the GPS accuracy circle.
  useEffect(() => {
    const group = layers.current;
    if (!group) return;
    group.clearLayers();
    for (const grid of district?.grids ?? []) {
      L.polygon(ringsOnMap(grid.geometry.coordinates, datum), {
        color: '#7a8a99',
        weight: 1,
        dashArray: '4 4',
        fill: false,
        interactive: false,
      }).addTo(group);
    }
    for (const street of district?.features ?? []) {
      L.polygon(ringsOnMap(street.geometry.coordinates, datum), {
        color: '#1f6feb',
        weight: 2,
        fillColor: '#1f6feb',
        fillOpacity: tiles ? 0.04 : 0.08,
        interactive: false,
      }).addTo(group);
    }
    if (gps) {
      const at = datum.toMap(gps);
      if (gps.accuracy) {
        L.circle([at.lat, at.lng], {
          radius: gps.accuracy,
          color: '#2b8a3e',
          weight: 1,
          fillOpacity: 0.12,
          interactive: false,
        }).addTo(group);
      }
      L.circleMarker([at.lat, at.lng], {
        radius: 6,
        color: '#fff',
        weight: 2,
        fillColor: '#2b8a3e',
        fillOpacity: 1,
        interactive: false,
      }).addTo(group);
    }
  }, [district, gps, tiles, datum]);

  // A pin set from outside (a GPS fix, 回到当前位置, a street chosen) moves the map.
  useEffect(() => {
    const current = map.current;
    if (!current || !value || !pinMoved(picked.current, value)) return;
    picked.current = value;
    const at = datumRef.current.toMap(value);
    current.setView([at.lat, at.lng], Math.max(current.getZoom(), zoomOnOutlines), { animate: false });
  }, [value]);

  useEffect(() => {
    const current = map.current;
    if (!current) return;
    for (const handler of [
      current.dragging,
      current.touchZoom,
      current.scrollWheelZoom,
      current.doubleClickZoom,
    ]) {
      if (disabled) handler.disable();
      else handler.enable();
    }
  }, [disabled]);

  return (
    <View className="jf-map" data-testid="report-map" data-tiles={tiles ? 'tiles' : 'outlines'}>
      <div ref={holder} className="jf-map__canvas" data-testid="report-map-canvas" />
      <View className="jf-map__pin" ariaLabel={t('report.map.pin')}>
        <View className="jf-map__pin-head" />
        <View className="jf-map__pin-tail" />
      </View>
    </View>
  );
}
