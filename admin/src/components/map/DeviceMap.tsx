import { type Alarm, type Device } from '@jiefang/contracts';
import { Typography } from 'antd';
import { useMemo } from 'react';
import { severityHex, severityLabel } from '../../alarms/labels';
import { alarmsByDevice, deviceMapState, toneColors, type DeviceMapState } from '../../devices/deviceView';
import { t } from '../../i18n';
import { useDistrict } from '../../tickets/queries';
import { BaseMap } from './BaseMap';
import { Legend, LegendDot } from './MapLegend';
import { MapMarkers, type MapMarker } from './MapMarkers';

/** The colour of a device's dot: its worst open alarm's severity, else green online, grey offline. */
export function deviceColor(state: DeviceMapState): string {
  if (state.tone === 'alarm' && state.severity) return severityHex[state.severity];
  return toneColors[state.tone === 'alarm' ? 'online' : state.tone];
}

const rank = { disabled: 0, offline: 1, online: 2, alarm: 3 } as const;

/**
 * Devices on the district map coloured by state: red / orange / blue by the worst open alarm (ringed
 * while unhandled), green online, grey offline, white and dashed when disabled. Clicking one selects it.
 */
export function DeviceMap({
  devices,
  alarms,
  selectedId,
  onSelect,
  height = 420,
}: {
  devices: readonly Device[];
  alarms: readonly Alarm[];
  selectedId?: string | null;
  onSelect?: (id: string) => void;
  height?: number;
}) {
  const district = useDistrict();
  const byDevice = useMemo(() => alarmsByDevice(alarms), [alarms]);
  const states = useMemo(
    () => devices.map((device) => ({ device, state: deviceMapState(device, byDevice.get(device.id) ?? []) })),
    [devices, byDevice],
  );
  const markers = useMemo<MapMarker[]>(
    () =>
      states.map(({ device, state }) => ({
        id: device.id,
        position: device.location,
        color: state.tone === 'disabled' ? '#8c8c8c' : deviceColor(state),
        size: 14,
        hollow: state.tone === 'disabled',
        halo: state.alarms.some((alarm) => alarm.status === 'active'),
        selected: device.id === selectedId,
        label: device.site ?? device.id,
        testId: `device-dot-${device.id}`,
        data: { tone: state.tone, severity: state.severity ?? undefined },
        // Alarms above quiet devices, the selected one above all.
        layer: device.id === selectedId ? 10 : rank[state.tone],
        ...(onSelect ? { onClick: () => onSelect(device.id) } : {}),
      })),
    [states, selectedId, onSelect],
  );
  const present = new Set(states.map(({ state }) => (state.tone === 'alarm' ? state.severity : state.tone)));
  const outside = useMemo(() => {
    const rings = district.data?.features.flatMap((feature) => feature.geometry.coordinates) ?? [];
    if (!rings.length) return 0;
    const lngs = rings.flat().map(([lng]) => lng);
    const lats = rings.flat().map(([, lat]) => lat);
    const [west, east, south, north] = [
      Math.min(...lngs),
      Math.max(...lngs),
      Math.min(...lats),
      Math.max(...lats),
    ];
    return devices.filter(
      ({ location: { lat, lng } }) => lng < west || lng > east || lat < south || lat > north,
    ).length;
  }, [district.data, devices]);

  return (
    <div>
      <BaseMap height={height} testId="device-map" ariaLabel={t('device.mapAria')}>
        <MapMarkers markers={markers} />
      </BaseMap>
      <Legend>
        {(['critical', 'major', 'minor'] as const)
          .filter((severity) => present.has(severity))
          .map((severity) => (
            <LegendDot
              key={severity}
              color={severityHex[severity]}
              label={`${t('device.mapAlarm')} · ${severityLabel(severity)}`}
            />
          ))}
        <LegendDot color={toneColors.online} label={t('device.mapOnline')} />
        <LegendDot color={toneColors.offline} label={t('device.mapOffline')} />
        {present.has('disabled') && <LegendDot color="#8c8c8c" hollow label={t('device.mapDisabled')} />}
        {outside > 0 && (
          <Typography.Text type="secondary">{t('device.mapOutside', { count: outside })}</Typography.Text>
        )}
      </Legend>
    </div>
  );
}
