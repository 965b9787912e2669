import { type LatLng } from '@jiefang/contracts';
import { Typography } from 'antd';
import { useMemo } from 'react';
import { t } from '../../i18n';
import { BaseMap } from './BaseMap';
import { Legend, LegendDash, LegendDot } from './MapLegend';
import { MapMarkers, type MapMarker } from './MapMarkers';

export interface MapOfficer extends LatLng {
  id: string;
  name: string;
}

export const pointColor = '#ff4d4f';
export const officerColor = '#1677ff';

/**
 * One place on the district map (a ticket, an alarm's device) with its street drawn stronger and the
 * on-duty officers near it; the view includes the point even when it lies outside the district.
 */
export function PlaceMap({
  point,
  streetId,
  officers = [],
  pointLabel,
  height = 280,
}: {
  point?: LatLng;
  streetId?: string | null;
  officers?: readonly MapOfficer[];
  /** What the red point is (default 工单位置). */
  pointLabel?: string;
  height?: number;
}) {
  const label = pointLabel ?? t('map.ticket');
  const markers = useMemo<MapMarker[]>(
    () => [
      ...officers.map((officer) => ({
        id: `officer-${officer.id}`,
        position: officer,
        color: officerColor,
        size: 12,
        label: `${t('map.officer')} · ${officer.name}`,
        testId: `map-officer-${officer.id}`,
      })),
      ...(point
        ? [
            {
              id: 'point',
              position: point,
              color: pointColor,
              size: 16,
              halo: true,
              label,
              testId: 'map-ticket-point',
              layer: 10,
            },
          ]
        : []),
    ],
    [officers, point, label],
  );
  const include = useMemo(() => (point ? [point] : []), [point]);
  return (
    <div>
      <BaseMap height={height} highlightStreetId={streetId} include={include}>
        <MapMarkers markers={markers} />
      </BaseMap>
      <Legend>
        {point && <LegendDot color={pointColor} label={label} />}
        {officers.length > 0 && <LegendDot color={officerColor} label={t('map.officer')} />}
        <LegendDash color="#8c8c8c" label={t('map.grid')} />
        {point && streetId === null && <Typography.Text type="warning">{t('map.outside')}</Typography.Text>}
      </Legend>
    </div>
  );
}
