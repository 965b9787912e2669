import { alarmSeverities, alarmStatuses, alarmTypes, type Alarm } from '@jiefang/contracts';
import {
  alarmStatusLabel,
  alarmTypeIcon,
  alarmTypeLabel,
  appendPage,
  applyUpdate,
  canAcknowledge,
  formatConfidence,
  isCritical,
  severityLabel,
  sortCurrentAlarms,
  sortHistory,
  summarizeCurrent,
} from './ownerAlarms';

const alarm = (id: string, overrides: Partial<Alarm> = {}): Alarm => ({
  id,
  deviceId: `dev-${id}`,
  deviceType: 'charging_detector',
  type: 'indoor_charging',
  status: 'active',
  severity: 'major',
  count: 1,
  streetId: 'huazhou',
  streetName: '华洲街道',
  site: '3 栋 502 房',
  householdId: 'hh-502',
  location: { lat: 23.093, lng: 113.352 },
  openedAt: '2025-03-01T12:00:00Z',
  lastDetectedAt: '2025-03-01T12:00:00Z',
  acknowledgedAt: null,
  clearedAt: null,
  noise: null,
  confidence: 0.9,
  warnings: [],
  timeline: [],
  ...overrides,
});

describe('labels', () => {
  it('names every type, status and severity in Chinese, with an icon per type', () => {
    expect(alarmTypes.map(alarmTypeLabel)).toEqual(['噪音超标', '室内充电', '烟感报警', '设备离线']);
    expect(alarmStatuses.map(alarmStatusLabel)).toEqual(['待确认', '已确认', '已解除']);
    expect(alarmSeverities.map(severityLabel)).toEqual(['一般', '重要', '紧急']);
    for (const type of alarmTypes) expect(alarmTypeIcon(type)).not.toBe('');
  });

  it('shows confidence as a whole percent', () => {
    expect(formatConfidence(0.934)).toBe('93%');
    expect(formatConfidence(1.2)).toBe('100%');
    expect(formatConfidence(null)).toBeUndefined();
  });
});

describe('isCritical / canAcknowledge', () => {
  it('treats smoke and anything marked critical as critical', () => {
    expect(isCritical(alarm('s', { type: 'smoke', severity: 'major' }))).toBe(true);
    expect(isCritical(alarm('c', { severity: 'critical' }))).toBe(true);
    expect(isCritical(alarm('c'))).toBe(false);
  });

  it('acknowledges only active alarms', () => {
    expect(canAcknowledge({ status: 'active' })).toBe(true);
    expect(canAcknowledge({ status: 'acknowledged' })).toBe(false);
    expect(canAcknowledge({ status: 'cleared' })).toBe(false);
  });
});

describe('sortCurrentAlarms', () => {
  it('puts critical first, then unacknowledged, then severity, then the latest detection', () => {
    const sorted = sortCurrentAlarms([
      alarm('ack', { status: 'acknowledged', lastDetectedAt: '2025-03-01T13:00:00Z' }),
      alarm('minor', { severity: 'minor', lastDetectedAt: '2025-03-01T14:00:00Z' }),
      alarm('old', { lastDetectedAt: '2025-03-01T10:00:00Z' }),
      alarm('new', { lastDetectedAt: '2025-03-01T12:30:00Z' }),
      alarm('smoke-ack', { type: 'smoke', status: 'acknowledged', severity: 'critical' }),
    ]);
    expect(sorted.map((a) => a.id)).toEqual(['smoke-ack', 'new', 'old', 'minor', 'ack']);
  });

  it('sorts history by when each alarm was cleared, newest first', () => {
    const sorted = sortHistory([
      alarm('a', { status: 'cleared', clearedAt: '2025-03-01T10:00:00Z' }),
      alarm('b', { status: 'cleared', clearedAt: '2025-03-02T10:00:00Z' }),
      alarm('c', { status: 'cleared', clearedAt: null, lastDetectedAt: '2025-03-01T11:00:00Z' }),
    ]);
    expect(sorted.map((a) => a.id)).toEqual(['b', 'c', 'a']);
  });
});

describe('list updates', () => {
  it('appends a page without repeating alarms already shown', () => {
    expect(appendPage([alarm('a'), alarm('b')], [alarm('b'), alarm('c')]).map((a) => a.id)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('replaces an acknowledged alarm in place and moves a cleared one to history', () => {
    const lists = { current: [alarm('a'), alarm('b')], history: [alarm('h', { status: 'cleared' })] };
    const acked = applyUpdate(lists, alarm('a', { status: 'acknowledged' }));
    expect(acked.current.map((a) => [a.id, a.status])).toEqual([
      ['b', 'active'],
      ['a', 'acknowledged'],
    ]);
    expect(acked.history).toHaveLength(1);

    const cleared = applyUpdate(lists, alarm('b', { status: 'cleared', clearedAt: '2025-03-02T00:00:00Z' }));
    expect(cleared.current.map((a) => a.id)).toEqual(['a']);
    expect(cleared.history.map((a) => a.id)).toEqual(['b', 'h']);
    expect(lists.current).toHaveLength(2);
  });

  it('counts what needs the owner', () => {
    expect(
      summarizeCurrent([
        alarm('a'),
        alarm('b', { status: 'acknowledged' }),
        alarm('s', { type: 'smoke', deviceType: 'smoke_detector' }),
      ]),
    ).toEqual({ critical: 1, unacknowledged: 2, charging: 2 });
  });
});
