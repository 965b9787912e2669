import { dayHistory, dayPartOf } from './history';
import { iso, minutes, tenAm, ticketFixture } from './testFixtures';

const resolvedAt = (ms: number, overrides = {}) =>
  ticketFixture({
    id: `r${ms}`,
    status: 'resolved',
    resolution: { note: '已处置', photos: [], at: iso(ms) },
    ...overrides,
  });
const checkIn = (minutesSinceReport: number) => ({
  at: iso(tenAm),
  action: 'check_in',
  from: 'accepted' as const,
  to: 'on_site' as const,
  actorId: 'o1',
  actorRole: 'officer',
  details: { distanceMeters: 20, minutesSinceReport },
});

describe('dayPartOf', () => {
  it('splits the Beijing day at 06:00, 12:00 and 18:00', () => {
    expect(dayPartOf(Date.parse('2026-12-02T05:59:00+08:00'))).toBe('night');
    expect(dayPartOf(Date.parse('2026-12-02T06:00:00+08:00'))).toBe('morning');
    expect(dayPartOf(Date.parse('2026-12-02T12:00:00+08:00'))).toBe('afternoon');
    expect(dayPartOf(Date.parse('2026-12-02T18:30:00+08:00'))).toBe('evening');
    // 02:00 UTC is 10:00 in Beijing, whatever the phone's zone.
    expect(dayPartOf(Date.parse('2026-12-02T02:00:00Z'))).toBe('morning');
  });
});

describe('dayHistory', () => {
  it('groups the day’s tickets latest first, leaves empty parts out, and counts on-time ones', () => {
    const morning = resolvedAt(tenAm, { timeline: [checkIn(8.4)] });
    const lateMorning = resolvedAt(tenAm + minutes(90), { slaBreached: true, timeline: [checkIn(17.6)] });
    const evening = resolvedAt(tenAm + minutes(9 * 60));
    const history = dayHistory([morning, evening, lateMorning]);
    expect(history.groups.map((g) => [g.part, g.items.map((i) => i.ticket.id)])).toEqual([
      ['evening', [evening.id]],
      ['morning', [lateMorning.id, morning.id]],
    ]);
    expect(history).toMatchObject({ count: 3, onTime: 2, averageMinutesToSite: 13 });
    expect(history.groups[1]?.items[1]).toMatchObject({ minutesToSite: 8.4, late: false });
  });

  it('is empty for a day without tickets', () => {
    expect(dayHistory([])).toEqual({ count: 0, onTime: 0, averageMinutesToSite: undefined, groups: [] });
  });
});
