import distance from '@turf/distance';
import type { CategoryCode, Wgs84Point } from '@jiefang/contracts';

export const duplicatePolicy = { radiusMeters: 50, windowMs: 30 * 60_000 } as const;

/** Noise carries: residents hearing one source and the meter measuring it may be 200 m apart. */
export const noiseDuplicatePolicy = { radiusMeters: 200, windowMs: 30 * 60_000 } as const;

export const duplicatePolicyFor = (category: CategoryCode) =>
  category === 'noise' ? noiseDuplicatePolicy : duplicatePolicy;

export interface OpenTicketSummary {
  id: string;
  category: CategoryCode;
  location: Wgs84Point;
  reportedAt: Date;
}

/**
 * The open ticket a new report should join instead of dispatching twice: same category, within 50 m
 * (200 m for noise), reported within the last 30 minutes; the nearest wins.
 */
export function duplicateTicketFor(
  report: { category: CategoryCode; location: Wgs84Point; at: Date },
  openTickets: readonly OpenTicketSummary[],
  policy: { radiusMeters: number; windowMs: number } = duplicatePolicyFor(report.category),
): OpenTicketSummary | null {
  let best: { ticket: OpenTicketSummary; meters: number } | null = null;
  for (const ticket of openTickets) {
    if (ticket.category !== report.category) continue;
    const age = report.at.getTime() - ticket.reportedAt.getTime();
    if (age < 0 || age > policy.windowMs) continue;
    const meters = distance(
      [ticket.location.lng, ticket.location.lat],
      [report.location.lng, report.location.lat],
      { units: 'meters' },
    );
    if (meters <= policy.radiusMeters && (!best || meters < best.meters)) best = { ticket, meters };
  }
  return best?.ticket ?? null;
}
