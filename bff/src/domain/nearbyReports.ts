import {
  metersBetween,
  nearbyReportPolicy,
  type DistanceBand,
  type TicketStatus,
  type Wgs84Point,
} from '@jiefang/contracts';
import { openTicketStatuses } from './ticketTransitions';

/**
 * How far an open ticket is from the pin, as a band: enough to tell "right here" from "down the road",
 * without handing out a precise point of someone else's report. Null beyond the nearby radius.
 */
export function distanceBand(meters: number): DistanceBand | null {
  if (!Number.isFinite(meters) || meters < 0) return null;
  if (meters <= 50) return 'within_50m';
  if (meters <= 100) return 'within_100m';
  if (meters <= nearbyReportPolicy.radiusMeters) return 'within_150m';
  return null;
}

/** Why a resident at `point` may not join this ticket, or null when they may. */
export function joinRefusal(
  ticket: { status: TicketStatus; location: Wgs84Point },
  point: Wgs84Point,
): 'closed' | 'too_far' | null {
  if (!openTicketStatuses.includes(ticket.status)) return 'closed';
  if (metersBetween(ticket.location, point) > nearbyReportPolicy.radiusMeters) return 'too_far';
  return null;
}
