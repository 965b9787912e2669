import { formatDuration, ticketCountdowns, worstUrgency } from './countdown';
import { iso, minutes, tenAm, ticketFixture } from './testFixtures';

describe('formatDuration', () => {
  it('shows minutes and seconds, hours when there are any, whatever the sign', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65_000)).toBe('1:05');
    expect(formatDuration(12 * 60_000 + 999)).toBe('12:00');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatDuration(-65_000)).toBe('1:05');
  });
});

describe('ticketCountdowns', () => {
  it('gives an assigned ticket both clocks: accept (3 min) and on site (15 min)', () => {
    const clocks = ticketCountdowns(ticketFixture(), tenAm + 30_000);
    expect(clocks).toEqual([
      { kind: 'accept', at: tenAm + minutes(3), remainingMs: minutes(2.5), urgency: 'calm' },
      { kind: 'onSite', at: tenAm + minutes(15), remainingMs: minutes(14.5), urgency: 'calm' },
    ]);
  });

  it('makes the accept clock urgent in its last minute and late once passed', () => {
    expect(ticketCountdowns(ticketFixture(), tenAm + minutes(2))[0]?.urgency).toBe('soon');
    expect(ticketCountdowns(ticketFixture(), tenAm + minutes(3) + 1)[0]).toMatchObject({
      urgency: 'late',
      remainingMs: -1,
    });
  });

  it('makes the on-site clock urgent from the warning time, late at the breach or when one was recorded', () => {
    const accepted = ticketFixture({
      status: 'accepted',
      deadlines: { acceptBy: null, warnAt: iso(tenAm + minutes(10)), breachAt: iso(tenAm + minutes(15)) },
    });
    expect(ticketCountdowns(accepted, tenAm + minutes(9)).map((c) => [c.kind, c.urgency])).toEqual([
      ['onSite', 'calm'],
    ]);
    expect(ticketCountdowns(accepted, tenAm + minutes(10))[0]?.urgency).toBe('soon');
    expect(ticketCountdowns(accepted, tenAm + minutes(16))[0]?.urgency).toBe('late');
    expect(ticketCountdowns({ ...accepted, slaBreached: true }, tenAm)[0]?.urgency).toBe('late');
  });

  it('stops both clocks once the officer is on site', () => {
    expect(ticketCountdowns(ticketFixture({ status: 'on_site' }), tenAm)).toEqual([]);
    expect(ticketCountdowns(ticketFixture({ status: 'resolved' }), tenAm)).toEqual([]);
    expect(worstUrgency([])).toBeUndefined();
  });

  it('ranks a ticket by its most pressing clock', () => {
    const clocks = ticketCountdowns(ticketFixture(), tenAm + minutes(2.5));
    expect(clocks.map((c) => c.urgency)).toEqual(['soon', 'calm']);
    expect(worstUrgency(clocks)).toBe('soon');
  });
});
