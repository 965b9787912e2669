import { ticketStatusGroups } from '../../domain/ticketTransitions';
import type { TicketDocument } from './ticketModel';

/** What tickets need of the officers' workload counts (kept by modules/officers). */
export interface WorkloadCounts {
  track(ticketId: string, holderId: string | null): Promise<void>;
  rebuild(active: ReadonlyArray<{ ticketId: string; holderId: string }>): Promise<void>;
}

/** Whether a ticket in this status occupies its assignee. */
export const occupiesAssignee = (status: TicketDocument['status']): boolean =>
  (ticketStatusGroups.occupying as readonly string[]).includes(status);

/**
 * What every ticket write keeps in step outside the ticket itself. Its notifications are the change
 * kernel's business (marked before the write, relayed after it).
 */
export interface TicketTracking {
  /** After a write: the officers' workloads follow who holds the ticket. */
  written(ticket: Pick<TicketDocument, '_id' | 'status' | 'assigneeId'>): Promise<void>;
}

export function ticketTracking(deps: { workloads: Pick<WorkloadCounts, 'track'> }): TicketTracking {
  return {
    written: (ticket) =>
      deps.workloads.track(ticket._id, occupiesAssignee(ticket.status) ? ticket.assigneeId : null),
  };
}
