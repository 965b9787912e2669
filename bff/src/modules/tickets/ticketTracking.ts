import type { TicketDocument } from './ticketModel';

/** Statuses in which a ticket occupies its assignee. */
export const occupyingStatuses: ReadonlyArray<TicketDocument['status']> = ['assigned', 'accepted', 'on_site'];

/** What tickets need of the officers' workload counts (kept by modules/officers). */
export interface WorkloadCounts {
  track(ticketId: string, holderId: string | null): Promise<void>;
  rebuild(active: ReadonlyArray<{ ticketId: string; holderId: string }>): Promise<void>;
}

/** What every ticket write keeps in step outside the ticket itself. */
export interface TicketTracking {
  /** Before a write that carries notifications: the relay sweep will look at this ticket. */
  notificationsPending(ticketId: string): Promise<void>;
  /** After a write: the officers' workloads follow who holds the ticket. */
  written(ticket: Pick<TicketDocument, '_id' | 'status' | 'assigneeId'>): Promise<void>;
}

export function ticketTracking(deps: {
  workloads: Pick<WorkloadCounts, 'track'>;
  outbox: { markPending(ticketId: string): Promise<void> };
}): TicketTracking {
  return {
    notificationsPending: (ticketId) => deps.outbox.markPending(ticketId),
    written: (ticket) =>
      deps.workloads.track(ticket._id, occupyingStatuses.includes(ticket.status) ? ticket.assigneeId : null),
  };
}
