import { type LatLng } from '@jiefang/contracts';
import { Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { t } from '../../i18n';
import { useDistrict } from '../../tickets/queries';
import { placeOfPin } from '../../households/householdForm';
import { BaseMap } from './BaseMap';
import { useMapContext } from './mapContext';
import { MapMarkers, type MapMarker } from './MapMarkers';
import { pointColor } from './PlaceMap';

/** Rounds a clicked point to about 1 m: more digits only pretend to a precision a click does not have. */
const rounded = (point: LatLng): LatLng => ({
  lat: Math.round(point.lat * 1e5) / 1e5,
  lng: Math.round(point.lng * 1e5) / 1e5,
});

/** Turns clicks on the map into WGS-84 points (undoing the tiles' GCJ-02 shift where there is one). */
function ClickToPick({ onPick }: { onPick: (point: LatLng) => void }) {
  const { map, projection } = useMapContext();
  useEffect(() => {
    const onClick = (event: { latlng: { lat: number; lng: number } }) =>
      onPick(rounded(projection.fromMap({ lat: event.latlng.lat, lng: event.latlng.lng })));
    map.on('click', onClick);
    map.getContainer().style.cursor = 'crosshair';
    return () => {
      map.off('click', onClick);
    };
  }, [map, projection, onPick]);
  return null;
}

/**
 * A map to pick one place on (a household, a device): click to set the pin; below it, the street and
 * grid the pin lies in, named from the same polygons the BFF uses.
 */
export function PinPickerMap({
  value,
  onChange,
  disabled,
  height = 300,
  pinLabel,
}: {
  value?: LatLng | null;
  onChange?: (point: LatLng) => void;
  disabled?: boolean;
  height?: number;
  pinLabel: string;
}) {
  const district = useDistrict();
  const markers = useMemo<MapMarker[]>(
    () =>
      value
        ? [
            {
              id: 'pin',
              position: value,
              color: pointColor,
              size: 16,
              halo: true,
              label: pinLabel,
              testId: 'map-pin',
            },
          ]
        : [],
    [value, pinLabel],
  );
  const include = useMemo(() => (value ? [value] : []), [value]);
  const place = value && district.data ? placeOfPin(district.data, value) : null;
  return (
    <div data-testid="pin-picker">
      <BaseMap
        height={height}
        include={include}
        highlightStreetId={place?.streetId ?? null}
        testId="pin-picker-map"
      >
        <MapMarkers markers={markers} />
        {!disabled && onChange && <ClickToPick onPick={onChange} />}
      </BaseMap>
      <Typography.Text
        data-testid="pin-place"
        type={value && district.data && !place ? 'danger' : 'secondary'}
      >
        {!value
          ? t('household.pickHint')
          : !district.data
            ? ''
            : !place
              ? t('household.pinOutside')
              : place.gridName
                ? t('household.pinPlace', { street: place.streetName, grid: place.gridName })
                : t('household.pinNoGrid', { street: place.streetName })}
        {value && ` （${value.lat.toFixed(5)}, ${value.lng.toFixed(5)}）`}
      </Typography.Text>
    </div>
  );
}
