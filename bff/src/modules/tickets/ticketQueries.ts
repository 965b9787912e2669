import { beijingDayNumber, beijingDayStart, type PublicMap, type ReportListQuery } from '@jiefang/contracts';
import type { Clock } from '../../infra/clock';
import type { Caller } from '../../http/appState';
import { notFound } from '../../http/httpError';
import { findStreet, type District } from '../district/district';
import { adminStreetOf, reachesDistrict } from '../../domain/staffScope';
import { assertCanViewTicket } from './ticketAccess';
import type { TicketDocument } from './ticketModel';
import type { TicketPage, TicketStore } from './ticketStore';

export const publicMapPolicy = { windowMs: 7 * 24 * 3600_000, maxPoints: 2000 } as const;
/** More than any officer resolves in a day; the list stays one answer. */
export const officerHistoryLimit = 200;

/** Who may read which tickets: the reads behind the residents' list, the console's queue and officers' work. */
export function ticketQueries(deps: { store: TicketStore; district: District; clock: Clock }) {
  const { store } = deps;
  return {
    /** A ticket the caller may see; 404 when there is none, 403 when it is not theirs to see. */
    async visibleTo(caller: Caller, id: string): Promise<TicketDocument> {
      const ticket = await store.findById(id);
      if (!ticket) throw notFound('工单不存在');
      assertCanViewTicket(caller, ticket);
      return ticket;
    },

    /** The tickets a resident reported. */
    reportedBy: (caller: Caller, query: ReportListQuery): Promise<TicketPage> =>
      store.page({ reporterId: caller.userId, ...(query.status ? { status: query.status } : {}) }, query),

    /**
     * The console's queue: dispatchers and the district's admins see every squad's, a street's admin
     * their street's (asking for another street lists nothing), others their own squad's.
     */
    queueFor(caller: Caller, query: ReportListQuery): Promise<TicketPage> {
      const asked = query.street
        ? (findStreet(deps.district, query.street)?.properties.id ?? query.street)
        : undefined;
      const ownStreet = adminStreetOf(caller);
      const streetId =
        ownStreet === undefined ? asked : asked === undefined || asked === ownStreet ? ownStreet : '(none)';
      const squadWide = !reachesDistrict(caller) && ownStreet === undefined;
      return store.page(
        {
          ...(squadWide ? { squadId: caller.squadId ?? '(none)' } : {}),
          ...(query.status ? { status: query.status } : {}),
          ...(query.category ? { category: query.category } : {}),
          ...(streetId !== undefined ? { streetId } : {}),
        },
        query,
      );
    },

    /** Anonymised points for the public map: no ids, no text, position rounded to about 100 m. */
    async publicMap(): Promise<PublicMap> {
      const since = new Date(deps.clock.now().getTime() - publicMapPolicy.windowMs);
      const recent = await store.reportedSince(since, publicMapPolicy.maxPoints);
      return {
        items: recent.map((ticket) => ({
          category: ticket.category,
          status: ticket.status,
          lat: Math.round(ticket.location.lat * 1000) / 1000,
          lng: Math.round(ticket.location.lng * 1000) / 1000,
        })),
      };
    },

    /** The tickets an officer holds now, oldest first. */
    heldBy: (officerId: string): Promise<TicketDocument[]> => store.occupying(officerId),

    /** The tickets an officer resolved today (since Beijing midnight), latest first: their day's history. */
    resolvedTodayBy(officerId: string): Promise<TicketDocument[]> {
      const midnight = beijingDayStart(beijingDayNumber(deps.clock.now().getTime()));
      return store.resolvedBySince(officerId, new Date(midnight), officerHistoryLimit);
    },

    /** How many tickets each officer holds now. */
    heldCounts: (officerIds: readonly string[]): Promise<Map<string, number>> =>
      store.occupyingCounts(officerIds),
  };
}

export type TicketQueries = ReturnType<typeof ticketQueries>;
