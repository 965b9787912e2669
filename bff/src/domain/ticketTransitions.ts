import type { TicketStatus } from '@jiefang/contracts';

export type TicketAction = 'assign' | 'queue' | 'accept' | 'check_in' | 'resolve' | 'confirm' | 'reopen';

/** Which statuses each action may start from, and where it leads. */
export const ticketTransitions: Record<TicketAction, { from: readonly TicketStatus[]; to: TicketStatus }> = {
  // Also covers reassignment (after a rejection, a missed accept deadline, or a transfer).
  assign: { from: ['dispatch_queue', 'assigned', 'accepted', 'reopened'], to: 'assigned' },
  // To the dispatcher: no officer can take it, it lies outside every street, or a transfer needs a person.
  queue: { from: ['dispatch_queue', 'assigned', 'accepted', 'reopened'], to: 'dispatch_queue' },
  accept: { from: ['assigned'], to: 'accepted' },
  check_in: { from: ['accepted'], to: 'on_site' },
  resolve: { from: ['on_site'], to: 'resolved' },
  confirm: { from: ['resolved'], to: 'confirmed' },
  reopen: { from: ['resolved', 'confirmed'], to: 'reopened' },
};

export const openTicketStatuses: readonly TicketStatus[] = [
  'dispatch_queue',
  'assigned',
  'accepted',
  'on_site',
  'reopened',
];

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
  const transition = ticketTransitions[action];
  if (!transition.from.includes(current)) throw new TransitionRefused(action, current);
  return transition.to;
}

/** Whether the SLA clock still runs: it stops once an officer is on site. */
export function slaClockRunning(status: TicketStatus): boolean {
  return (
    status === 'dispatch_queue' || status === 'assigned' || status === 'accepted' || status === 'reopened'
  );
}
