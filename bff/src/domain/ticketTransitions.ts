import type { TicketStatus } from '@jiefang/contracts';
import { statusAfter, type TransitionTable } from './statusTransitions';

export type TicketAction =
  'assign' | 'queue' | 'accept' | 'check_in' | 'resolve' | 'confirm' | 'reopen' | 'close';

/** Which statuses each action may start from, and where it leads. */
export const ticketTransitions: TransitionTable<TicketAction, TicketStatus> = {
  // Also covers reassignment (after a rejection, a missed accept deadline, or a transfer).
  assign: { from: ['dispatch_queue', 'assigned', 'accepted', 'reopened'], to: 'assigned' },
  // To the dispatcher: no officer can take it, it lies outside every street, or a transfer needs a person.
  queue: { from: ['dispatch_queue', 'assigned', 'accepted', 'reopened'], to: 'dispatch_queue' },
  accept: { from: ['assigned'], to: 'accepted' },
  check_in: { from: ['accepted'], to: 'on_site' },
  resolve: { from: ['on_site'], to: 'resolved' },
  confirm: { from: ['resolved'], to: 'confirmed' },
  reopen: { from: ['resolved', 'confirmed'], to: 'reopened' },
  // Closed without being fixed (invalid, a duplicate, not ours): from any open status, and for good. A
  // resident cannot reopen it (there was nothing done to be unhappy with: they report again), nor can
  // anything else move it: every other action's `from` leaves `closed` out.
  close: { from: ['dispatch_queue', 'assigned', 'accepted', 'on_site', 'reopened'], to: 'closed' },
};

export const ticketStatusGroups = {
  /** Not resolved yet: a new report nearby joins such a ticket. */
  open: ['dispatch_queue', 'assigned', 'accepted', 'on_site', 'reopened'],
  /** The ticket occupies its assignee (their workload counts it). */
  occupying: ['assigned', 'accepted', 'on_site'],
  /** The SLA clock still runs: it stops once an officer is on site. */
  slaClockRunning: ['dispatch_queue', 'assigned', 'accepted', 'reopened'],
} as const satisfies Record<string, readonly TicketStatus[]>;

export const openTicketStatuses: readonly TicketStatus[] = ticketStatusGroups.open;

export class TransitionRefused extends Error {
  override name = 'TransitionRefused';
  constructor(
    readonly action: TicketAction,
    readonly status: TicketStatus,
  ) {
    super(`cannot ${action} a ticket that is ${status}`);
  }
}

/** The status an action leads to from the current one, or a TransitionRefused. */
export function nextStatus(current: TicketStatus, action: TicketAction): TicketStatus {
  const next = statusAfter(ticketTransitions, action, current);
  if (next === null) throw new TransitionRefused(action, current);
  return next;
}

/** Whether the SLA clock still runs: it stops once an officer is on site. */
export function slaClockRunning(status: TicketStatus): boolean {
  return (ticketStatusGroups.slaClockRunning as readonly TicketStatus[]).includes(status);
}
