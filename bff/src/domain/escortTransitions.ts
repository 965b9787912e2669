import type { EscortStatus } from '@jiefang/contracts';
import type { TransitionTable } from './statusTransitions';

export type EscortAction =
  | 'accept'
  | 'withdraw'
  | 'check_in'
  | 'complete'
  | 'cancel'
  | 'rate'
  | 'sos'
  | 'reopen'
  | 'hand_over'
  | 'review_hours'
  | 'escalate_unaccepted'
  | 'remind';

/** Escorts: open → accepted → in_progress → completed, cancelled before it starts. */
export const escortTransitions: TransitionTable<EscortAction, EscortStatus> = {
  accept: { from: ['open'], to: 'accepted' },
  // Only before it starts: the request goes back to open for others.
  withdraw: { from: ['accepted'], to: 'open' },
  check_in: { from: ['accepted'], to: 'in_progress' },
  complete: { from: ['in_progress'], to: 'completed' },
  cancel: { from: ['open', 'accepted'], to: 'cancelled' },
  rate: { from: ['completed'], to: null },
  sos: { from: ['accepted', 'in_progress'], to: null },
  // The community worker's reassignment: back to open, or straight to a verified volunteer.
  reopen: { from: ['open', 'accepted'], to: 'open' },
  hand_over: { from: ['open', 'accepted'], to: 'accepted' },
  review_hours: { from: ['completed'], to: null },
  escalate_unaccepted: { from: ['open'], to: null },
  remind: { from: ['accepted'], to: null },
};

export const escortStatusGroups = {
  /** Booked and not over: an elder's bookings in these may not overlap. */
  active: ['open', 'accepted', 'in_progress'],
  /** Held by a volunteer, who may not hold two overlapping. */
  occupying: ['accepted', 'in_progress'],
  /** Not started yet: its reminders and escalation may still be owed. */
  awaitingStart: ['open', 'accepted'],
} as const satisfies Record<string, readonly EscortStatus[]>;

/** Whether the status is in the group (a typed `includes` for the groups' readonly tuples). */
export function inEscortGroup(group: keyof typeof escortStatusGroups, status: EscortStatus): boolean {
  return (escortStatusGroups[group] as readonly EscortStatus[]).includes(status);
}
