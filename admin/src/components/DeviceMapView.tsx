import { type Alarm, type Device, type DistrictMap } from '@jiefang/contracts';
import { Alert, Skeleton, Typography, theme } from 'antd';
import { useMemo } from 'react';
import { severityHex, severityLabel } from '../alarms/labels';
import { alarmsByDevice, deviceMapState, toneColors, type DeviceMapState } from '../devices/deviceView';
import { t } from '../i18n';
import { useDistrict } from '../tickets/queries';
import { boundsOf, fitProjection, polygonPath, ringCenter } from '../tickets/geo';
import { streetFills, streetStrokes } from './DistrictMapView';

const WIDTH = 640;
const PADDING = 24;
const EDGE = 8;

/** The colour of a device's dot: its worst open alarm's severity, else green online, grey offline. */
export function deviceColor(state: DeviceMapState): string {
  if (state.tone === 'alarm' && state.severity) return severityHex[state.severity];
  return toneColors[state.tone === 'alarm' ? 'online' : state.tone];
}

/**
 * Devices on the district's street polygons (no tiles: the panel may run offline), coloured by state:
 * red / orange / blue by the worst open alarm, green online, grey offline, pale dashed when disabled.
 */
export function DeviceMapView({
  devices,
  alarms,
  selectedId,
  onSelect,
}: {
  devices: readonly Device[];
  alarms: readonly Alarm[];
  selectedId?: string | null;
  onSelect?: (id: string) => void;
}) {
  const district = useDistrict();
  if (district.isPending) return <Skeleton.Node active style={{ width: '100%', height: 320 }} />;
  if (district.isError) return <Alert type="warning" showIcon message={t('map.loadFailed')} />;
  return (
    <DeviceSvg
      district={district.data}
      devices={devices}
      alarms={alarms}
      selectedId={selectedId ?? null}
      onSelect={onSelect}
    />
  );
}

function DeviceSvg({
  district,
  devices,
  alarms,
  selectedId,
  onSelect,
}: {
  district: DistrictMap;
  devices: readonly Device[];
  alarms: readonly Alarm[];
  selectedId: string | null;
  onSelect?: (id: string) => void;
}) {
  const { token } = theme.useToken();
  const projection = useMemo(() => {
    const positions = district.features.flatMap((feature) => feature.geometry.coordinates.flat());
    const bounds = boundsOf(positions) ?? [113.25, 23.08, 113.36, 23.12];
    return fitProjection(bounds, WIDTH, PADDING);
  }, [district]);
  const byDevice = useMemo(() => alarmsByDevice(alarms), [alarms]);

  const dots = devices.map((device) => {
    const state = deviceMapState(device, byDevice.get(device.id) ?? []);
    const [rawX, rawY] = projection.project(device.location.lng, device.location.lat);
    const x = Math.min(projection.width - EDGE, Math.max(EDGE, rawX));
    const y = Math.min(projection.height - EDGE, Math.max(EDGE, rawY));
    return { device, state, x, y, outside: x !== rawX || y !== rawY };
  });
  // Alarms on top of quiet devices, the selected one on top of all.
  const rank = (dot: (typeof dots)[number]) =>
    dot.device.id === selectedId ? 3 : dot.state.tone === 'alarm' ? 2 : dot.state.tone === 'online' ? 1 : 0;
  dots.sort((a, b) => rank(a) - rank(b));
  const outside = dots.filter((dot) => dot.outside).length;
  const labelSize = Math.max(12, token.fontSizeSM);
  const present = new Set(
    dots.map((dot) => (dot.state.tone === 'alarm' ? dot.state.severity : dot.state.tone)),
  );

  return (
    <div>
      <svg
        data-testid="device-map"
        role="img"
        aria-label={t('device.mapAria')}
        viewBox={`0 0 ${projection.width} ${projection.height.toFixed(0)}`}
        style={{
          width: '100%',
          height: 'auto',
          maxHeight: 560,
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
            fill={streetFills[index % streetFills.length]}
            fillOpacity={0.7}
            stroke={streetStrokes[index % streetStrokes.length]}
            strokeWidth={1.2}
          >
            <title>{`${feature.properties.name} · ${feature.properties.squadName}`}</title>
          </path>
        ))}
        {district.features.map((feature) => {
          const ring = feature.geometry.coordinates[0];
          if (!ring) return null;
          const [x, rawY] = projection.project(...ringCenter(ring));
          // Keep the street's name readable when devices sit right on it: move it below them.
          const covering = dots.filter((dot) => Math.abs(dot.x - x) < 56 && Math.abs(dot.y - rawY) < 16);
          const y = covering.length > 0 ? Math.max(...covering.map((dot) => dot.y)) + 22 : rawY;
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
        {dots.map(({ device, state, x, y }) => {
          const color = deviceColor(state);
          const selected = device.id === selectedId;
          const unhandled = state.alarms.some((alarm) => alarm.status === 'active');
          return (
            <g
              key={device.id}
              data-testid={`device-dot-${device.id}`}
              data-tone={state.tone}
              data-severity={state.severity ?? undefined}
              role={onSelect ? 'button' : undefined}
              tabIndex={onSelect ? 0 : undefined}
              aria-label={device.site ?? device.id}
              style={{ cursor: onSelect ? 'pointer' : undefined }}
              onClick={() => onSelect?.(device.id)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') onSelect?.(device.id);
              }}
            >
              {unhandled && <circle cx={x} cy={y} r={14} fill={color} opacity={0.22} />}
              <circle
                cx={x}
                cy={y}
                r={selected ? 9 : 6.5}
                fill={state.tone === 'disabled' ? '#fff' : color}
                stroke={selected ? token.colorText : state.tone === 'disabled' ? '#8c8c8c' : '#fff'}
                strokeWidth={selected ? 2.5 : 1.5}
                strokeDasharray={state.tone === 'disabled' ? '2 2' : undefined}
              />
              <title>{device.site ?? device.id}</title>
            </g>
          );
        })}
      </svg>
      <div style={{ display: 'flex', gap: 16, marginTop: 6, flexWrap: 'wrap' }}>
        {(['critical', 'major', 'minor'] as const)
          .filter((severity) => present.has(severity))
          .map((severity) => (
            <Legend
              key={severity}
              color={severityHex[severity]}
              label={`${t('device.mapAlarm')} · ${severityLabel(severity)}`}
            />
          ))}
        <Legend color={toneColors.online} label={t('device.mapOnline')} />
        <Legend color={toneColors.offline} label={t('device.mapOffline')} />
        {present.has('disabled') && <Legend color={toneColors.disabled} label={t('device.mapDisabled')} />}
        {outside > 0 && (
          <Typography.Text type="secondary">{t('device.mapOutside', { count: outside })}</Typography.Text>
        )}
      </div>
    </div>
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
