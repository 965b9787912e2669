import {
  categoryCodes,
  metersBetween,
  nearbyReportPolicy,
  type CategoryCode,
  type NearbyReport,
  type NearbyReportList,
  type NearbyReportsQuery,
} from '@jiefang/contracts';
import type { CategoryCatalogue } from '../../domain/categories';
import { categoryOfTicket } from '../../domain/ticketCategory';
import { duplicatePolicyFor } from '../../domain/duplicateReports';
import { distanceBand } from '../../domain/nearbyReports';
import { openTicketStatuses } from '../../domain/ticketTransitions';
import type { Clock } from '../../infra/clock';
import type { Caller } from '../../http/appState';
import type { TicketDocument } from '../tickets/ticketModel';
import type { OpenTicketIndex } from './openTicketIndex';

export interface NearbyReportsDeps {
  openTickets: OpenTicketIndex;
  tickets: { findById(id: string): Promise<TicketDocument | null> };
  categories: CategoryCatalogue;
  clock: Clock;
}

/**
 * 附近已有人反映: the open tickets near a pin. The candidates come from the open-ticket index in Redis (the
 * same the duplicate search uses: FerretDB would scan the whole collection for anything but `_id`), each
 * then read by id to confirm it is still open. So the list holds what a report here could join: tickets
 * of the duplicate window (30 minutes), within the nearby radius.
 */
export function nearbyReports(deps: NearbyReportsDeps) {
  return {
    async near(caller: Caller, query: NearbyReportsQuery): Promise<NearbyReportList> {
      const point = { lat: query.lat, lng: query.lng };
      const now = deps.clock.now().getTime();
      const wanted: readonly CategoryCode[] = query.category ? [query.category] : categoryCodes;
      const found = (
        await Promise.all(
          wanted.map(async (category) => {
            const since = new Date(now - duplicatePolicyFor(category).windowMs);
            return deps.openTickets.near(category, point, nearbyReportPolicy.radiusMeters, since);
          }),
        )
      )
        .flat()
        .map((candidate) => ({ ...candidate, meters: metersBetween(point, candidate.location) }))
        .sort((a, b) => a.meters - b.meters)
        // Some may turn out closed; reading a few more than shown keeps the list full, and bounded.
        .slice(0, nearbyReportPolicy.maxItems * 2);

      const items: NearbyReport[] = [];
      for (const candidate of found) {
        if (items.length >= nearbyReportPolicy.maxItems) break;
        const band = distanceBand(candidate.meters);
        if (!band) continue;
        const ticket = await deps.tickets.findById(candidate.id);
        if (!ticket || !openTicketStatuses.includes(ticket.status)) {
          await deps.openTickets.forget(candidate.category, [candidate.id]);
          continue;
        }
        items.push({
          id: ticket._id,
          category: ticket.category,
          categoryName: categoryOfTicket(ticket, deps.categories).name,
          status: ticket.status,
          distance: band,
          reportedAt: ticket.reportedAt.toISOString(),
          reporterCount: ticket.reporterCount,
          mine: ticket.reporterIds.includes(caller.userId),
        });
      }
      return { items };
    },
  };
}

export type NearbyReports = ReturnType<typeof nearbyReports>;
