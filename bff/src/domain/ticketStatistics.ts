import { beijingDate, type ScoringRule, type TicketFigures } from '@jiefang/contracts';
import { addToHistogram, bandOf, histogramFigures, type Histogram } from './durationBands';
import { emptyScoreSums, meanScore, type ScoreInputs, type ScoreSums } from './ticketScoring';
import { openTicketStatuses, slaClockRunning } from './ticketTransitions';

/** Why a ticket was closed without being fixed (close-out); read defensively, it may be absent. */
export const closureKinds = ['invalid', 'duplicate', 'not_ours'] as const;
export type ClosureKind = (typeof closureKinds)[number];

/** What the statistics read of a ticket (structurally the tickets module's document). */
export interface StatisticsTicket {
  _id: string;
  version?: number;
  category: string;
  location: { lat: number; lng: number };
  reporterCount: number;
  streetId: string | null;
  squadId: string | null;
  gridId?: string | null;
  status: string;
  assigneeId: string | null;
  reportedAt: Date;
  slaRound: number;
  deadlines: { breachAt: Date };
  rating: { score: number } | null;
  timeline: ReadonlyArray<{ at: Date; action: string; actorId: string | null }>;
  /** Added by close-out: present once a ticket is closed as invalid, a duplicate or not ours. */
  closure?: { kind?: string } | null;
}

/**
 * One ticket as the statistics count it: a pure function of the stored ticket (no clock), so the facts
 * kept as tickets change and the facts a rebuild derives are the same. `v` is the ticket's version, so
 * an older projection never overwrites a newer one.
 */
export interface TicketFact {
  v: number;
  /** Beijing report day, YYYY-MM-DD. */
  day: string;
  street: string | null;
  squad: string | null;
  officer: string | null;
  grid: string | null;
  category: string;
  reporters: number;
  /** Minutes from the report to the first accept, on-site check-in and resolution. */
  accept: number | null;
  onSite: number | null;
  resolve: number | null;
  /** The report's own SLA (the first round): known once someone was on site or the breach was recorded. */
  measured: boolean;
  met: boolean;
  /** A breach was recorded in any round. */
  breached: boolean;
  resolved: boolean;
  reopened: boolean;
  rating: number | null;
  closure: ClosureKind | null;
  /** Null when the ticket is not scored (its SLA not known yet, or closed without being fixed). */
  score: ScoreInputs | null;
  /** Heat-map cell (about 200 m), "lat,lng" of its centre. */
  cell: string;
}

/** Heat-map cell size in degrees (about 200 m of latitude). */
export const heatCellDegrees = 0.002;

export function heatCell(point: { lat: number; lng: number }): string {
  const centre = (degrees: number) =>
    (Math.floor(degrees / heatCellDegrees) * heatCellDegrees + heatCellDegrees / 2).toFixed(4);
  return `${centre(point.lat)},${centre(point.lng)}`;
}

const minutesBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 60_000;

export function closureKindOf(ticket: Pick<StatisticsTicket, 'status' | 'closure'>): ClosureKind | null {
  const kind = ticket.closure?.kind;
  return (closureKinds as readonly string[]).includes(kind ?? '') ? (kind as ClosureKind) : null;
}

export function ticketFacts(ticket: StatisticsTicket): TicketFact {
  const { timeline } = ticket;
  const first = (action: string) => timeline.find((entry) => entry.action === action) ?? null;
  const last = (action: string) => [...timeline].reverse().find((entry) => entry.action === action) ?? null;
  const firstReopen = first('reopen');
  const inFirstRound = (entry: { at: Date } | null) =>
    entry !== null && (!firstReopen || entry.at.getTime() <= firstReopen.at.getTime());

  const accepted = first('accept');
  const checkIn = first('check_in');
  const resolved = first('resolve');
  const firstBreach = first('sla_breached');
  const checkInFirstRound = inFirstRound(checkIn) ? checkIn : null;
  const breachFirstRound = inFirstRound(firstBreach) ? firstBreach : null;
  // The breach timer may fire late; the first round's deadline, still on the ticket, settles it then.
  const withinDeadline =
    ticket.slaRound > 1 ||
    !checkInFirstRound ||
    checkInFirstRound.at.getTime() <= ticket.deadlines.breachAt.getTime();
  const met =
    checkInFirstRound !== null &&
    withinDeadline &&
    (!breachFirstRound || breachFirstRound.at.getTime() > checkInFirstRound.at.getTime());
  const measured = checkInFirstRound !== null || breachFirstRound !== null;
  const reopens = timeline.filter((entry) => entry.action === 'reopen').length;
  const closure = closureKindOf(ticket);
  const rating = ticket.rating?.score ?? null;
  const isResolved = resolved !== null;
  const officer = last('resolve')?.actorId ?? last('check_in')?.actorId ?? ticket.assigneeId ?? null;

  return {
    v: ticket.version ?? 0,
    day: beijingDate(ticket.reportedAt.getTime()),
    street: ticket.streetId,
    squad: ticket.squadId,
    officer,
    grid: ticket.gridId ?? null,
    category: ticket.category,
    reporters: ticket.reporterCount,
    accept: accepted ? minutesBetween(ticket.reportedAt, accepted.at) : null,
    onSite: checkIn ? minutesBetween(ticket.reportedAt, checkIn.at) : null,
    resolve: resolved ? minutesBetween(ticket.reportedAt, resolved.at) : null,
    measured,
    met,
    breached: firstBreach !== null,
    resolved: isResolved,
    reopened: reopens > 0,
    rating,
    closure,
    score:
      measured && closure === null
        ? {
            late: !met,
            acceptLate: timeline.some((entry) => entry.action === 'accept_timeout'),
            reopens,
            starsBelowFive: rating === null ? 0 : 5 - rating,
            unresolved: !(['resolved', 'confirmed'] as readonly string[]).includes(ticket.status),
          }
        : null,
    cell: heatCell(ticket.location),
  };
}

/** Counts and duration histograms of a set of tickets; sums only, so sets merge exactly. */
export interface Counts {
  tickets: number;
  reports: number;
  measured: number;
  met: number;
  breaches: number;
  resolved: number;
  reopened: number;
  ratings: number;
  ratingSum: number;
  closed: Record<ClosureKind, number>;
  score: ScoreSums;
  accept: Histogram;
  onSite: Histogram;
  resolve: Histogram;
}

export const emptyCounts = (): Counts => ({
  tickets: 0,
  reports: 0,
  measured: 0,
  met: 0,
  breaches: 0,
  resolved: 0,
  reopened: 0,
  ratings: 0,
  ratingSum: 0,
  closed: { invalid: 0, duplicate: 0, not_ours: 0 },
  score: emptyScoreSums(),
  accept: {},
  onSite: {},
  resolve: {},
});

export const summaryDimensions = ['street', 'squad', 'officer', 'grid', 'category', 'day'] as const;
export type SummaryDimension = (typeof summaryDimensions)[number];

/** Everything the statistics answer for one set of tickets (one day or month, one scope). */
export interface Summary {
  totals: Counts;
  by: Record<SummaryDimension, Record<string, Counts>>;
  /** Reports per heat-map cell. */
  heat: Record<string, number>;
}

export const emptySummary = (): Summary => ({
  totals: emptyCounts(),
  by: { street: {}, squad: {}, officer: {}, grid: {}, category: {}, day: {} },
  heat: {},
});

function addFact(counts: Counts, fact: TicketFact): void {
  counts.tickets += 1;
  counts.reports += fact.reporters;
  if (fact.measured) counts.measured += 1;
  if (fact.met) counts.met += 1;
  if (fact.breached) counts.breaches += 1;
  if (fact.resolved) counts.resolved += 1;
  if (fact.reopened) counts.reopened += 1;
  if (fact.rating !== null) {
    counts.ratings += 1;
    counts.ratingSum += fact.rating;
  }
  if (fact.closure) counts.closed[fact.closure] += 1;
  if (fact.score) {
    counts.score.scored += 1;
    if (fact.score.late) counts.score.late += 1;
    if (fact.score.acceptLate) counts.score.acceptLate += 1;
    counts.score.reopens += fact.score.reopens;
    counts.score.starsBelowFive += fact.score.starsBelowFive;
    if (fact.score.unresolved) counts.score.unresolved += 1;
  }
  if (fact.accept !== null) addToHistogram(counts.accept, bandOf(fact.accept));
  if (fact.onSite !== null) addToHistogram(counts.onSite, bandOf(fact.onSite));
  if (fact.resolve !== null) addToHistogram(counts.resolve, bandOf(fact.resolve));
}

const scoreSumKeys = Object.keys(emptyScoreSums()) as Array<keyof ScoreSums>;
const histogramNames = ['accept', 'onSite', 'resolve'] as const;

function addCounts(into: Counts, from: Counts): void {
  into.tickets += from.tickets;
  into.reports += from.reports;
  into.measured += from.measured;
  into.met += from.met;
  into.breaches += from.breaches;
  into.resolved += from.resolved;
  into.reopened += from.reopened;
  into.ratings += from.ratings;
  into.ratingSum += from.ratingSum;
  for (const kind of closureKinds) into.closed[kind] += from.closed[kind];
  for (const key of scoreSumKeys) into.score[key] += from.score[key];
  // The hot loop of every statistics answer: bands are added in place, without entry arrays.
  for (const name of histogramNames) {
    const target = into[name];
    const source = from[name];
    for (const band in source) target[band] = (target[band] ?? 0) + (source[band] as number);
  }
}

const keyOf = (fact: TicketFact, dimension: SummaryDimension): string | null => fact[dimension];

export function summarize(facts: Iterable<TicketFact>): Summary {
  const summary = emptySummary();
  for (const fact of facts) {
    addFact(summary.totals, fact);
    for (const dimension of summaryDimensions) {
      const key = keyOf(fact, dimension);
      if (key === null) continue;
      addFact((summary.by[dimension][key] ??= emptyCounts()), fact);
    }
    summary.heat[fact.cell] = (summary.heat[fact.cell] ?? 0) + 1;
  }
  return summary;
}

/** The summary of the union of disjoint sets: the same as summarising their tickets at once. */
export function mergeSummaries(summaries: Iterable<Summary>): Summary {
  const merged = emptySummary();
  for (const summary of summaries) {
    addCounts(merged.totals, summary.totals);
    for (const dimension of summaryDimensions) {
      const into = merged.by[dimension];
      const from = summary.by[dimension];
      for (const key in from) addCounts((into[key] ??= emptyCounts()), from[key] as Counts);
    }
    for (const cell in summary.heat)
      merged.heat[cell] = (merged.heat[cell] ?? 0) + (summary.heat[cell] as number);
  }
  return merged;
}

export const mergeCounts = (all: Iterable<Counts>): Counts => {
  const merged = emptyCounts();
  for (const counts of all) addCounts(merged, counts);
  return merged;
};

/** The summaries a set of facts makes: the district's (`all`) and one per street. */
export function summarizeScopes(facts: readonly TicketFact[]): Map<string, Summary> {
  const scopes = new Map<string, Summary>([['all', summarize(facts)]]);
  const byStreet = new Map<string, TicketFact[]>();
  for (const fact of facts) {
    if (fact.street === null) continue;
    const list = byStreet.get(fact.street) ?? [];
    list.push(fact);
    byStreet.set(fact.street, list);
  }
  for (const [street, list] of byStreet) scopes.set(street, summarize(list));
  return scopes;
}

const ratio = (part: number, whole: number, digits: number) =>
  whole ? Math.round((part / whole) * 10 ** digits) / 10 ** digits : null;

/** The API's figures for a set of tickets. */
export function figuresFrom(counts: Counts, rule: ScoringRule): TicketFigures {
  return {
    tickets: counts.tickets,
    reports: counts.reports,
    slaMeasured: counts.measured,
    slaMet: counts.met,
    slaAttainment: ratio(counts.met, counts.measured, 4),
    breaches: counts.breaches,
    timeToAccept: histogramFigures(counts.accept),
    timeToOnSite: histogramFigures(counts.onSite),
    timeToResolve: histogramFigures(counts.resolve),
    resolved: counts.resolved,
    reopened: counts.reopened,
    reopenRate: ratio(counts.reopened, counts.resolved, 4),
    ratings: counts.ratings,
    satisfaction: ratio(counts.ratingSum, counts.ratings, 2),
    closed: { ...counts.closed },
    score: meanScore(rule, counts.score),
  };
}

/** An open ticket as the live counters and the public board see it. */
export interface OpenTicketEntry {
  street: string | null;
  squad: string | null;
  /** Waiting for a dispatcher (no officer could be found, or it lies outside every street). */
  waiting: boolean;
  /** The on-site deadline while nobody is on site (ms), else null. */
  dueAt: number | null;
  category: string;
  lat: number;
  lng: number;
  reportedAt: number;
  v: number;
}

/** Null once the ticket is no longer open (resolved, confirmed, closed). */
export function openTicketEntry(ticket: StatisticsTicket): OpenTicketEntry | null {
  if (!(openTicketStatuses as readonly string[]).includes(ticket.status)) return null;
  const running = slaClockRunning(ticket.status as Parameters<typeof slaClockRunning>[0]);
  return {
    street: ticket.streetId,
    squad: ticket.squadId,
    waiting: ticket.status === 'dispatch_queue',
    dueAt: running ? ticket.deadlines.breachAt.getTime() : null,
    category: ticket.category,
    lat: ticket.location.lat,
    lng: ticket.location.lng,
    reportedAt: ticket.reportedAt.getTime(),
    v: ticket.version ?? 0,
  };
}

/** Open and past its on-site deadline with nobody there. */
export const isOverdue = (entry: OpenTicketEntry, now: number): boolean =>
  entry.dueAt !== null && entry.dueAt <= now;

/** The public board's precision: 0.001° (about 100 m). */
export const publicCoordinate = (degrees: number): number => Math.round(degrees * 1000) / 1000;
