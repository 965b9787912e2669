import type { NoiseSite, PublicNoiseAlarm } from '@jiefang/contracts';
import {
  formatDb,
  formatDistance,
  formatLimit,
  formatRadius,
  levelTone,
  limitLine,
  meterView,
  noiseTone,
  periodAt,
  periodHours,
  periodLabel,
  publicAlarmStatusLabel,
  recentAlarmsView,
  siteName,
  sortSites,
  summarizeSites,
  toneLabel,
} from './noise';

const site = (overrides: Partial<NoiseSite> = {}): NoiseSite => ({
  deviceId: 'n1',
  site: '青柱广场',
  streetName: '江南中街道',
  location: { lat: 23.108, lng: 113.27 },
  distanceM: 500,
  online: true,
  levelDb: 50,
  limitDb: 55,
  period: 'day',
  updatedAt: '2025-03-01T12:00:00Z',
  alarmActive: false,
  ...overrides,
});

describe('levelTone / noiseTone', () => {
  it('is green well under the limit, amber within 3 dB, red only over it', () => {
    expect(levelTone(51.9, 55)).toBe('quiet');
    expect(levelTone(52, 55)).toBe('near');
    expect(levelTone(55, 55)).toBe('near');
    expect(levelTone(55.1, 55)).toBe('over');
    expect(levelTone(68, 45)).toBe('over');
  });

  it('classifies the level as shown (one decimal), so 55.0 never reads red under 55', () => {
    expect(formatDb(55.04)).toBe('55.0');
    expect(levelTone(55.04, 55)).toBe('near');
    expect(levelTone(51.96, 55)).toBe('near');
  });

  it('greys a meter that is offline (whatever its last value) or has no reading yet', () => {
    expect(noiseTone(site({ online: false, levelDb: 70 }))).toBe('offline');
    expect(noiseTone(site({ levelDb: null }))).toBe('none');
    expect(noiseTone(site({ levelDb: 60, limitDb: 55 }))).toBe('over');
    expect(noiseTone(site({ levelDb: 43, limitDb: 45, period: 'night' }))).toBe('near');
  });

  it('names every tone', () => {
    expect(['quiet', 'near', 'over', 'none', 'offline'].map((tone) => toneLabel(tone as never))).toEqual([
      '达标',
      '接近限值',
      '超标',
      '暂无读数',
      '设备离线',
    ]);
  });
});

describe('periods and limits (GB 3096-2008)', () => {
  it('labels day and night with their hours', () => {
    expect(periodLabel('day')).toBe('昼间');
    expect(periodLabel('night')).toBe('夜间');
    expect(periodHours('day')).toBe('06:00–22:00');
    expect(periodHours('night')).toBe('22:00–06:00');
    expect(limitLine({ period: 'night', limitDb: 45 })).toBe('夜间限值 45 dB（22:00–06:00）');
    expect(limitLine({ period: 'day', limitDb: 55 })).toBe('昼间限值 55 dB（06:00–22:00）');
    expect(formatLimit(52.5)).toBe('52.5');
  });

  it('knows the period in force in Beijing time', () => {
    expect(periodAt(Date.parse('2025-03-01T22:00:00Z'))).toBe('day'); // 06:00 Beijing
    expect(periodAt(Date.parse('2025-03-01T21:59:00Z'))).toBe('night'); // 05:59
    expect(periodAt(Date.parse('2025-03-01T13:59:00Z'))).toBe('day'); // 21:59
    expect(periodAt(Date.parse('2025-03-01T14:00:00Z'))).toBe('night'); // 22:00
  });
});

describe('distances', () => {
  it('rounds metres to tens and shows kilometres past 1 km', () => {
    expect(formatDistance(347)).toBe('约 350 米');
    expect(formatDistance(2)).toBe('约 10 米');
    expect(formatDistance(1234)).toBe('约 1.2 公里');
    expect(formatDistance(15_400)).toBe('约 15 公里');
    expect(formatDistance(null)).toBeUndefined();
    expect(formatDistance(Number.NaN)).toBeUndefined();
    expect(formatRadius(3000)).toBe('3 公里');
    expect(formatRadius(500)).toBe('500 米');
  });
});

describe('sortSites / summarizeSites', () => {
  it('puts the nearest first, sites without a distance last', () => {
    const sorted = sortSites([
      site({ deviceId: 'far', distanceM: 2500 }),
      site({ deviceId: 'none', distanceM: null }),
      site({ deviceId: 'near', distanceM: 120 }),
    ]);
    expect(sorted.map((s) => s.deviceId)).toEqual(['near', 'far', 'none']);
  });

  it('without distances, shows alarms and loud sites first, offline last, else the server’s order', () => {
    const sorted = sortSites([
      site({ deviceId: 'a', distanceM: null, levelDb: 40 }),
      site({ deviceId: 'off', distanceM: null, online: false }),
      site({ deviceId: 'b', distanceM: null, levelDb: 41 }),
      site({ deviceId: 'loud', distanceM: null, levelDb: 60 }),
      site({ deviceId: 'alarm', distanceM: null, levelDb: 50, alarmActive: true }),
    ]);
    expect(sorted.map((s) => s.deviceId)).toEqual(['alarm', 'loud', 'a', 'b', 'off']);
  });

  it('counts sites over the limit (or in alarm) and offline ones', () => {
    expect(
      summarizeSites([
        site({ levelDb: 60 }),
        site({ levelDb: 50, alarmActive: true }),
        site({ online: false }),
        site(),
      ]),
    ).toEqual({ total: 4, over: 2, offline: 1 });
  });

  it('names a site by place, street or device', () => {
    expect(siteName(site())).toBe('青柱广场');
    expect(siteName(site({ site: null }))).toBe('江南中街道');
    expect(siteName(site({ site: null, streetName: null }))).toBe('n1');
  });
});

describe('recentAlarmsView', () => {
  const alarm = (id: string, status: PublicNoiseAlarm['status'], openedAt: string): PublicNoiseAlarm => ({
    id,
    deviceId: 'n1',
    site: '青柱广场',
    status,
    openedAt,
    clearedAt: status === 'cleared' ? openedAt : null,
    peakDb: 68.26,
    limitDb: 55,
  });

  it('shows ongoing alarms first, then the newest, with how far the peak went over', () => {
    const view = recentAlarmsView([
      alarm('old', 'cleared', '2025-03-01T10:00:00Z'),
      alarm('new', 'cleared', '2025-03-01T12:00:00Z'),
      alarm('live', 'active', '2025-03-01T09:00:00Z'),
    ]);
    expect(view.map((v) => v.alarm.id)).toEqual(['live', 'new', 'old']);
    expect(view[0]).toMatchObject({ excessDb: 13.3, ongoing: true });
    expect(view[1]?.ongoing).toBe(false);
    expect(recentAlarmsView([alarm('a', 'cleared', 'x'), alarm('b', 'cleared', 'y')], 1)).toHaveLength(1);
  });

  it('words statuses for residents', () => {
    expect(publicAlarmStatusLabel('active')).toBe('超标中');
    expect(publicAlarmStatusLabel('acknowledged')).toBe('处理中');
    expect(publicAlarmStatusLabel('cleared')).toBe('已恢复');
  });
});

describe('meterView', () => {
  it('fills from 30 dB to 20 dB over the limit and marks the limit', () => {
    expect(meterView(55, 55)).toEqual({ fill: 55.6, mark: 55.6 });
    expect(meterView(30, 55)).toEqual({ fill: 0, mark: 55.6 });
    expect(meterView(90, 55).fill).toBe(100);
    expect(meterView(10, 55).fill).toBe(0);
    expect(meterView(null, 45)).toEqual({ fill: 0, mark: 42.9 });
  });
});
