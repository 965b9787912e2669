import { beijingMinutes, type Ticket } from '@jiefang/contracts';

/** Parts of an officer's day, as the history groups it (Beijing time). */
export const dayParts = ['evening', 'afternoon', 'morning', 'night'] as const;
export type DayPart = (typeof dayParts)[number];

export function dayPartOf(ms: number): DayPart {
  const minutes = beijingMinutes(ms);
  if (minutes < 6 * 60) return 'night';
  if (minutes < 12 * 60) return 'morning';
  if (minutes < 18 * 60) return 'afternoon';
  return 'evening';
}

export interface HistoryItem {
  ticket: Ticket;
  resolvedAt: number;
  /** Minutes from the report to the officer's check-in, when the timeline says. */
  minutesToSite: number | undefined;
  /** Reached the site after the SLA's breach. */
  late: boolean;
}

export interface DayHistory {
  count: number;
  onTime: number;
  /** Mean of the known report-to-site times, rounded to a minute. */
  averageMinutesToSite: number | undefined;
  /** Latest first, the parts of the day without tickets left out. */
  groups: Array<{ part: DayPart; items: HistoryItem[] }>;
}

function minutesToSite(ticket: Ticket): number | undefined {
  const checkIns = ticket.timeline.filter((entry) => entry.action === 'check_in');
  const value = checkIns[checkIns.length - 1]?.details?.minutesSinceReport;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The day's resolved tickets grouped by part of the day, latest first, with the day's figures. */
export function dayHistory(tickets: readonly Ticket[]): DayHistory {
  const items: HistoryItem[] = tickets
    .map((ticket) => ({
      ticket,
      resolvedAt: Date.parse(ticket.resolution?.at ?? ticket.updatedAt),
      minutesToSite: minutesToSite(ticket),
      late: ticket.slaBreached,
    }))
    .filter((item) => Number.isFinite(item.resolvedAt))
    .sort((a, b) => b.resolvedAt - a.resolvedAt);
  const known = items.flatMap((item) => (item.minutesToSite === undefined ? [] : [item.minutesToSite]));
  const groups = dayParts
    .map((part) => ({ part, items: items.filter((item) => dayPartOf(item.resolvedAt) === part) }))
    .filter((group) => group.items.length > 0);
  return {
    count: items.length,
    onTime: items.filter((item) => !item.late).length,
    averageMinutesToSite:
      known.length > 0 ? Math.round(known.reduce((sum, value) => sum + value, 0) / known.length) : undefined,
    groups,
  };
}
