import type { Model } from 'mongoose';
import type { Clock } from '../../infra/clock';
import { duplicatePolicy, noiseDuplicatePolicy } from '../../domain/duplicateReports';
import { openTicketStatuses } from '../../domain/ticketTransitions';
import type { OfficerWorkloads } from '../officers/officerWorkloads';
import type { OpenTicketIndex } from '../reports/openTicketIndex';
import type { TicketDocument } from '../reports/ticketModel';
import { occupyingStatuses } from './ticketTracking';

/**
 * Start-up: rebuilds what Redis keeps about tickets (officers' workloads, the duplicate index) from
 * MongoDB, the source of truth, in case Redis lost it. One pass over the open tickets.
 */
export async function rebuildTicketIndexes(deps: {
  tickets: Model<TicketDocument>;
  workloads: OfficerWorkloads;
  openTickets: OpenTicketIndex;
  clock: Clock;
}): Promise<number> {
  const open = await deps.tickets
    .find(
      { status: { $in: openTicketStatuses } },
      { category: 1, status: 1, assigneeId: 1, location: 1, reportedAt: 1 },
    )
    .lean<
      Array<Pick<TicketDocument, '_id' | 'category' | 'status' | 'assigneeId' | 'location' | 'reportedAt'>>
    >();
  await deps.workloads.rebuild(
    open.flatMap((ticket) =>
      ticket.assigneeId && occupyingStatuses.includes(ticket.status)
        ? [{ ticketId: ticket._id, holderId: ticket.assigneeId }]
        : [],
    ),
  );
  const since =
    deps.clock.now().getTime() - Math.max(duplicatePolicy.windowMs, noiseDuplicatePolicy.windowMs);
  await Promise.all(
    open
      .filter((ticket) => ticket.reportedAt.getTime() >= since)
      .map((ticket) => deps.openTickets.add(ticket)),
  );
  return open.length;
}
