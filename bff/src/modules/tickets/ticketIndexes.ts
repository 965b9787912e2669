import type { Clock } from '../../infra/clock';
import { duplicatePolicy, noiseDuplicatePolicy } from '../../domain/duplicateReports';
import { openTicketStatuses } from '../../domain/ticketTransitions';
import type { TicketDocument } from './ticketModel';
import type { TicketStore } from './ticketStore';
import { occupiesAssignee, type WorkloadCounts } from './ticketTracking';

type IndexRow = Pick<
  TicketDocument,
  '_id' | 'category' | 'status' | 'assigneeId' | 'location' | 'reportedAt'
>;

/**
 * Rebuilds what Redis keeps about tickets (officers' workloads, the duplicate index) from MongoDB, the
 * source of truth, after Redis lost it. One pass over the open tickets, read in pages; `afterPage` lets
 * the caller keep its lease between pages.
 */
export async function rebuildTicketIndexes(
  deps: {
    store: Pick<TicketStore, 'inStatuses'>;
    workloads: Pick<WorkloadCounts, 'rebuild'>;
    /** The duplicate-report index (modules/reports' openTicketIndex). */
    openTickets: { add(ticket: IndexRow): Promise<void> };
    clock: Clock;
  },
  afterPage: () => Promise<void> = async () => undefined,
): Promise<number> {
  const since =
    deps.clock.now().getTime() - Math.max(duplicatePolicy.windowMs, noiseDuplicatePolicy.windowMs);
  const held: Array<{ ticketId: string; holderId: string }> = [];
  let recent: IndexRow[] = [];
  let count = 0;
  const rows = deps.store.inStatuses(
    openTicketStatuses,
    ['category', 'status', 'assigneeId', 'location', 'reportedAt'],
    500,
  );
  for await (const ticket of rows) {
    count += 1;
    if (ticket.assigneeId && occupiesAssignee(ticket.status))
      held.push({ ticketId: ticket._id, holderId: ticket.assigneeId });
    if (ticket.reportedAt.getTime() >= since) recent.push(ticket);
    if (recent.length >= 500) {
      await Promise.all(recent.map((row) => deps.openTickets.add(row)));
      recent = [];
      await afterPage();
    }
  }
  await Promise.all(recent.map((row) => deps.openTickets.add(row)));
  // Replaced in one transaction at the end: the counts are never seen half rebuilt.
  await deps.workloads.rebuild(held);
  return count;
}
