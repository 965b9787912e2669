import { applyTicketChange, type Actor, type TicketChange, type TicketChangeDeps } from './ticketChanges';
import type { TicketDocument } from './ticketModel';
import type { TicketStore } from './ticketStore';

/**
 * The seam between tickets and dispatch, both ways. Dispatch (modules/dispatch) reaches tickets only
 * through `DispatchTickets` and the types here; tickets reach dispatch only through `TicketDispatch`,
 * `SlaSchedule` and `StaffLookup`, which dispatch implements. Neither imports the other's internals.
 */

import type { SlaDeadline } from '../../domain/slaDeadlines';

export type { Actor, TicketChange } from './ticketChanges';
export { systemActor } from './ticketChanges';
export type { TicketDocument, TimelineRecord } from './ticketModel';
export type { TicketTracking } from './ticketTracking';

/** Why a ticket is being (re)dispatched. */
export interface DispatchContext {
  actor?: Actor;
  reason: string;
  /** The current assignee refused or let the accept deadline pass: record it and pick someone else. */
  refusal?: { officerId: string; action: 'reject' | 'accept_timeout' | 'officer_disabled'; reason: string };
}

/** What tickets ask of dispatch. */
export interface TicketDispatch {
  /** Picks an officer for the ticket (or queues it for a dispatcher); null when the ticket does not exist. */
  dispatch(ticketId: string, context: DispatchContext): Promise<TicketDocument | null>;
  /** After a change was applied (the change kernel has relayed its notifications): announce it. */
  afterChange(ticket: TicketDocument): Promise<void>;
}

/**
 * A ticket's SLA deadline: accept and the unread escalations guard an assignment, warn and breach a
 * round of the on-site clock.
 */
export interface SlaDeadlineJob {
  ticketId: string;
  kind: SlaDeadline['kind'];
  sequence: number;
}

export interface SlaSchedule {
  schedule(job: SlaDeadlineJob, at: Date): Promise<void>;
}

/** Who to tell and who someone is, as tickets need it. */
export interface StaffLookup {
  squadLeaders(squadId: string | null): Promise<string[]>;
  dispatchers(): Promise<string[]>;
  nameOf(userId: string): Promise<string | null>;
  officerSquad(officerId: string): Promise<string | null>;
}

/** What dispatch may do with tickets: read one, change one, find the ones it looks after. */
export interface DispatchTickets extends Pick<
  TicketStore,
  'findById' | 'notYetOnSiteWith' | 'firstDispatchWaiting' | 'inStatuses'
> {
  /** One conditional change (see `applyTicketChange`); null when another change came first. */
  applyChange(
    current: Pick<TicketDocument, '_id' | 'status' | 'version'>,
    change: TicketChange,
  ): Promise<TicketDocument | null>;
}

export function dispatchTickets(deps: TicketChangeDeps & { store: TicketStore }): DispatchTickets {
  const { store } = deps;
  return {
    findById: store.findById,
    notYetOnSiteWith: store.notYetOnSiteWith,
    firstDispatchWaiting: store.firstDispatchWaiting,
    inStatuses: store.inStatuses,
    applyChange: (current, change) => applyTicketChange(deps, current, change),
  };
}
