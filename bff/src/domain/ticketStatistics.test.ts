import { defaultScoringRule } from './ticketScoring';
import {
  figuresFrom,
  heatCell,
  isOverdue,
  mergeSummaries,
  openTicketEntry,
  summarize,
  summarizeScopes,
  ticketFacts,
  type StatisticsTicket,
} from './ticketStatistics';
import { bandOf, bandUpperEdge, histogramFigures } from './durationBands';

const reported = new Date('2030-03-04T01:00:00Z'); // 09:00 Beijing
const at = (minutes: number) => new Date(reported.getTime() + minutes * 60_000);
const entry = (minutes: number, action: string, actorId: string | null = 'officer-1') => ({
  at: at(minutes),
  action,
  actorId,
});

const ticket = (overrides: Partial<StatisticsTicket> = {}): StatisticsTicket => ({
  _id: 't1',
  version: 5,
  category: 'street_vending',
  location: { lat: 23.1001, lng: 113.3201 },
  reporterCount: 2,
  streetId: 'chigang',
  squadId: 'squad-chigang',
  gridId: 'grid-1',
  status: 'resolved',
  assigneeId: 'officer-1',
  reportedAt: reported,
  slaRound: 1,
  deadlines: { breachAt: at(15) },
  rating: { score: 4 },
  timeline: [
    entry(0, 'report', 'resident'),
    entry(1, 'assign', null),
    entry(2, 'accept'),
    entry(9, 'check_in'),
    entry(40, 'resolve'),
  ],
  ...overrides,
});

describe('ticketFacts', () => {
  it('measures a ticket kept within its SLA from its timeline', () => {
    expect(ticketFacts(ticket())).toMatchObject({
      v: 5,
      day: '2030-03-04',
      street: 'chigang',
      officer: 'officer-1',
      reporters: 2,
      accept: 2,
      onSite: 9,
      resolve: 40,
      measured: true,
      met: true,
      breached: false,
      resolved: true,
      reopened: false,
      rating: 4,
      closure: null,
      score: { late: false, acceptLate: false, reopens: 0, starsBelowFive: 1, unresolved: false },
    });
  });

  it('counts a recorded breach, a missed accept window and a reopening', () => {
    const fact = ticketFacts(
      ticket({
        status: 'reopened',
        slaRound: 2,
        rating: null,
        timeline: [
          entry(0, 'report', 'resident'),
          entry(1, 'assign', null),
          entry(4, 'accept_timeout', null),
          entry(5, 'assign', null),
          entry(6, 'accept'),
          entry(15, 'sla_breached', null),
          entry(20, 'check_in'),
          entry(30, 'resolve'),
          entry(60, 'reopen', 'resident'),
        ],
      }),
    );
    expect(fact).toMatchObject({
      measured: true,
      met: false,
      breached: true,
      reopened: true,
      resolved: true,
    });
    expect(fact.score).toEqual({
      late: true,
      acceptLate: true,
      reopens: 1,
      starsBelowFive: 0,
      unresolved: true,
    });
  });

  it('takes a check-in after the deadline as late even when the breach timer had not fired', () => {
    const fact = ticketFacts(
      ticket({ timeline: [entry(0, 'report'), entry(2, 'accept'), entry(16, 'check_in')] }),
    );
    expect(fact).toMatchObject({ measured: true, met: false, breached: false });
  });

  it('leaves a ticket nobody reached yet unmeasured and unscored, and reads a closure defensively', () => {
    expect(ticketFacts(ticket({ status: 'assigned', timeline: [entry(0, 'report')] }))).toMatchObject({
      measured: false,
      score: null,
    });
    const closed = ticketFacts(ticket({ status: 'closed', closure: { kind: 'duplicate' } }));
    expect(closed).toMatchObject({ closure: 'duplicate', score: null });
    expect(ticketFacts(ticket({ closure: { kind: 'whatever' } })).closure).toBeNull();
  });
});

describe('summaries', () => {
  const facts = [
    ticketFacts(ticket()),
    ticketFacts(ticket({ _id: 't2', streetId: 'xingang', squadId: 'squad-xingang', rating: { score: 2 } })),
    ticketFacts(
      ticket({ _id: 't3', reportedAt: new Date('2030-03-05T02:00:00Z'), deadlines: { breachAt: at(2000) } }),
    ),
  ];

  it('merges per-day summaries into exactly the summary of all the tickets at once', () => {
    const byDay = [summarize(facts.slice(0, 2)), summarize(facts.slice(2))];
    expect(mergeSummaries(byDay)).toEqual(summarize(facts));
  });

  it('splits by street and keeps the district total', () => {
    const scopes = summarizeScopes(facts);
    expect([...scopes.keys()].sort()).toEqual(['all', 'chigang', 'xingang']);
    expect(scopes.get('chigang')?.totals.tickets).toBe(2);
    expect(scopes.get('all')?.by.street.xingang?.tickets).toBe(1);
    expect(scopes.get('all')?.heat[heatCell({ lat: 23.1001, lng: 113.3201 })]).toBe(3);
  });

  it('gives rates, satisfaction, score and band-precise durations', () => {
    const figures = figuresFrom(summarize(facts.slice(0, 2)).totals, defaultScoringRule);
    expect(figures).toMatchObject({
      tickets: 2,
      reports: 4,
      slaMeasured: 2,
      slaMet: 2,
      slaAttainment: 1,
      resolved: 2,
      reopenRate: 0,
      satisfaction: 3,
      // 100 − 5×1 and 100 − 5×3
      score: 90,
      timeToOnSite: { median: 10, p90: 10, count: 2 },
    });
  });
});

describe('duration bands', () => {
  it('counts minutes in bands of 1, 5, 15 and 60 minutes and reports upper edges', () => {
    expect(bandUpperEdge(bandOf(9.2))).toBe(10);
    expect(bandUpperEdge(bandOf(31))).toBe(35);
    expect(bandUpperEdge(bandOf(130))).toBe(135);
    expect(bandUpperEdge(bandOf(500))).toBe(540);
    expect(bandOf(-3)).toBe(0);
  });

  it('uses nearest ranks for the median and 90th percentile', () => {
    const histogram: Record<string, number> = {};
    for (let minute = 0; minute < 10; minute += 1) histogram[bandOf(minute)] = 1;
    expect(histogramFigures(histogram)).toEqual({ median: 5, p90: 9, count: 10 });
    expect(histogramFigures({})).toBeNull();
  });
});

describe('openTicketEntry', () => {
  it('is overdue while nobody is on site after the deadline, and gone once resolved', () => {
    const open = openTicketEntry(ticket({ status: 'assigned', timeline: [] }));
    expect(open && isOverdue(open, at(16).getTime())).toBe(true);
    expect(open && isOverdue(open, at(14).getTime())).toBe(false);
    const onSite = openTicketEntry(ticket({ status: 'on_site' }));
    expect(onSite && isOverdue(onSite, at(100).getTime())).toBe(false);
    expect(openTicketEntry(ticket())).toBeNull();
  });
});
