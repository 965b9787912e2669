import { type DistrictMap, type LatLng } from '@jiefang/contracts';
import { Alert, Skeleton, Typography, theme } from 'antd';
import { useMemo } from 'react';
import { t } from '../i18n';
import { useDistrict } from '../tickets/queries';
import { boundsOf, fitProjection, polygonPath, ringCenter } from '../tickets/geo';

/** Street colours, in feature order; shared with the device map. */
export const streetFills = ['#e6f4ff', '#f6ffed', '#fff7e6', '#f9f0ff', '#e6fffb', '#fff0f6'];
export const streetStrokes = ['#69b1ff', '#95de64', '#ffc069', '#b37feb', '#5cdbd3', '#ff85c0'];
const fills = streetFills;
const strokes = streetStrokes;

export interface MapOfficer extends LatLng {
  id: string;
  name: string;
}

const WIDTH = 640;
const PADDING = 24;

/**
 * The district drawn from its street polygons, with no map tiles (the panel may run offline): the
 * grids (网格) as thin dashed lines inside the streets, named on hover, the ticket's point in red and
 * on-duty officers in blue. North is up.
 */
export function DistrictMapView({
  point,
  streetId,
  officers = [],
  pointLabel,
}: {
  point?: LatLng;
  streetId?: string | null;
  officers?: readonly MapOfficer[];
  /** What the red point is (default 工单位置). */
  pointLabel?: string;
}) {
  const district = useDistrict();
  if (district.isPending) return <Skeleton.Node active style={{ width: '100%', height: 240 }} />;
  if (district.isError) return <Alert type="warning" showIcon message={t('map.loadFailed')} />;
  return (
    <MapSvg
      district={district.data}
      point={point}
      streetId={streetId}
      officers={officers}
      pointLabel={pointLabel ?? t('map.ticket')}
    />
  );
}

function MapSvg({
  district,
  point,
  streetId,
  officers,
  pointLabel,
}: {
  district: DistrictMap;
  point?: LatLng;
  streetId?: string | null;
  officers: readonly MapOfficer[];
  pointLabel: string;
}) {
  const { token } = theme.useToken();
  // The frame is the district: a point far outside it is pinned to the edge rather than shrinking the map.
  const projection = useMemo(() => {
    const positions = district.features.flatMap((feature) => feature.geometry.coordinates.flat());
    const bounds = boundsOf(positions) ?? [113.25, 23.08, 113.36, 23.12];
    return fitProjection(bounds, WIDTH, PADDING);
  }, [district]);

  const streets = useMemo(
    () => new Map(district.features.map((feature) => [feature.properties.id, feature.properties])),
    [district],
  );

  const rawPin = point ? projection.project(point.lng, point.lat) : null;
  const pin = rawPin ? clampToFrame(rawPin, projection.width, projection.height) : null;
  const pinOutside = Boolean(rawPin && pin && (rawPin[0] !== pin[0] || rawPin[1] !== pin[1]));
  const labelSize = Math.max(12, token.fontSizeSM);

  return (
    <div>
      <svg
        data-testid="district-map"
        role="img"
        aria-label={t('map.title')}
        viewBox={`0 0 ${projection.width} ${projection.height.toFixed(0)}`}
        style={{
          width: '100%',
          height: 'auto',
          maxHeight: 420,
          background: '#fafcff',
          border: `1px solid ${token.colorBorderSecondary}`,
          borderRadius: token.borderRadius,
          display: 'block',
        }}
      >
        {district.features.map((feature, index) => (
          <path
            key={feature.properties.id}
            d={polygonPath(feature.geometry.coordinates, projection)}
            fill={fills[index % fills.length]}
            fillOpacity={feature.properties.id === streetId ? 1 : 0.7}
            stroke="none"
          >
            <title>{`${feature.properties.name} · ${feature.properties.squadName}`}</title>
          </path>
        ))}
        {/* Grids over the street fills and under the street outlines; hovering one names it. */}
        <g data-testid="map-grids">
          {district.grids.map((grid) => (
            <path
              key={grid.properties.id}
              data-testid={`map-grid-${grid.properties.id}`}
              d={polygonPath(grid.geometry.coordinates, projection)}
              fill="transparent"
              stroke={token.colorTextTertiary}
              strokeWidth={0.8}
              strokeDasharray="4 3"
            >
              <title>
                {t('map.gridTitle', {
                  grid: grid.properties.name,
                  street: streets.get(grid.properties.streetId)?.name ?? grid.properties.streetId,
                  squad: streets.get(grid.properties.streetId)?.squadName ?? '',
                })}
              </title>
            </path>
          ))}
        </g>
        {district.features.map((feature, index) => {
          const highlighted = feature.properties.id === streetId;
          return (
            <path
              key={`outline-${feature.properties.id}`}
              d={polygonPath(feature.geometry.coordinates, projection)}
              fill="none"
              stroke={highlighted ? token.colorPrimary : strokes[index % strokes.length]}
              strokeWidth={highlighted ? 2.5 : 1.2}
              style={{ pointerEvents: 'none' }}
            />
          );
        })}
        {district.features.map((feature) => {
          const ring = feature.geometry.coordinates[0];
          if (!ring) return null;
          const [x, rawY] = projection.project(...ringCenter(ring));
          // Keep the street's name readable when the ticket sits right on it.
          const y = pin && Math.abs(pin[0] - x) < 48 && Math.abs(pin[1] - rawY) < 18 ? pin[1] + 26 : rawY;
          return (
            <text
              key={`label-${feature.properties.id}`}
              x={x}
              y={y}
              textAnchor="middle"
              dominantBaseline="middle"
              fontSize={labelSize}
              fill={token.colorTextSecondary}
              style={{ pointerEvents: 'none', paintOrder: 'stroke', stroke: '#fff', strokeWidth: 3 }}
            >
              {feature.properties.name}
            </text>
          );
        })}
        {officers.map((officer) => {
          const [x, y] = projection.project(officer.lng, officer.lat);
          return (
            <g key={officer.id}>
              <circle cx={x} cy={y} r={5} fill="#1677ff" stroke="#fff" strokeWidth={1.5} />
              <title>{officer.name}</title>
            </g>
          );
        })}
        {pin && (
          <g data-testid="map-ticket-point" data-outside={pinOutside || undefined}>
            <circle cx={pin[0]} cy={pin[1]} r={14} fill="#ff4d4f" opacity={0.18} />
            <circle
              cx={pin[0]}
              cy={pin[1]}
              r={7}
              fill={pinOutside ? '#fff' : '#ff4d4f'}
              stroke="#ff4d4f"
              strokeWidth={pinOutside ? 3 : 2}
              strokeDasharray={pinOutside ? '3 2' : undefined}
            />
            <title>{pinOutside ? t('map.offMap') : pointLabel}</title>
          </g>
        )}
      </svg>
      <div style={{ display: 'flex', gap: 16, marginTop: 6, flexWrap: 'wrap' }}>
        {pin && <Legend color="#ff4d4f" label={pointLabel} />}
        {officers.length > 0 && <Legend color="#1677ff" label={t('map.officer')} />}
        {district.grids.length > 0 && <DashLegend color={token.colorTextTertiary} label={t('map.grid')} />}
        {point && streetId === null && <Typography.Text type="warning">{t('map.outside')}</Typography.Text>}
        {pinOutside && <Typography.Text type="secondary">{t('map.offMap')}</Typography.Text>}
      </div>
    </div>
  );
}

const EDGE = 10;

/** Keeps a point inside the drawing, EDGE px from its border. */
function clampToFrame([x, y]: [number, number], width: number, height: number): [number, number] {
  return [Math.min(width - EDGE, Math.max(EDGE, x)), Math.min(height - EDGE, Math.max(EDGE, y))];
}

function DashLegend({ color, label }: { color: string; label: string }) {
  return (
    <Typography.Text type="secondary">
      <svg width={18} height={10} aria-hidden style={{ marginInlineEnd: 6, verticalAlign: 'middle' }}>
        <line x1={0} y1={5} x2={18} y2={5} stroke={color} strokeWidth={1.5} strokeDasharray="4 3" />
      </svg>
      {label}
    </Typography.Text>
  );
}

function Legend({ color, label }: { color: string; label: string }) {
  return (
    <Typography.Text type="secondary">
      <span
        style={{
          display: 'inline-block',
          width: 10,
          height: 10,
          borderRadius: '50%',
          background: color,
          marginInlineEnd: 6,
        }}
      />
      {label}
    </Typography.Text>
  );
}
