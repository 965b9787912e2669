import type { Connection } from 'mongoose';
import { openTicketStatuses } from '../../domain/ticketTransitions';
import type { StatisticsTicket } from '../../domain/ticketStatistics';
import { ticketModel } from './ticketModel';

/** The fields the statistics derive their facts from (no descriptions, photos or submissions). */
const statisticsFields = {
  version: 1,
  category: 1,
  location: 1,
  reporterCount: 1,
  streetId: 1,
  squadId: 1,
  gridId: 1,
  status: 1,
  assigneeId: 1,
  reportedAt: 1,
  slaRound: 1,
  deadlines: 1,
  rating: 1,
  timeline: 1,
  closure: 1,
} as const;

/**
 * What the statistics module reads of tickets: one by `_id` (its sweep), and whole passes for its
 * rebuild and the Redis recovery (scans on FerretDB, run rarely and in batches).
 */
export function ticketStatisticsSource(connection: Connection) {
  const tickets = ticketModel(connection);
  const cursor = (filter: Record<string, unknown>, batchSize: number) =>
    tickets
      .find(filter, statisticsFields)
      .lean<StatisticsTicket[]>()
      .cursor({ batchSize }) as AsyncIterable<StatisticsTicket>;
  return {
    byId: (id: string) => tickets.findById(id, statisticsFields).lean<StatisticsTicket>().exec(),
    all: (batchSize = 1000) => cursor({}, batchSize),
    changedSince: (since: Date, batchSize = 500) => cursor({ updatedAt: { $gte: since } }, batchSize),
    open: (batchSize = 500) => cursor({ status: { $in: openTicketStatuses } }, batchSize),
  };
}

export type TicketStatisticsSource = ReturnType<typeof ticketStatisticsSource>;
