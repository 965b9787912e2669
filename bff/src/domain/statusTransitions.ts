/**
 * A lifecycle as data: for each action, the statuses it may start from and the status it leads to
 * (`null`: the action records something without moving the status).
 */
export interface Transition<Status extends string> {
  from: readonly Status[];
  to: Status | null;
}

export type TransitionTable<Action extends string, Status extends string> = Readonly<
  Record<Action, Transition<Status>>
>;

/** Whether `action` may happen to something that is `status`. */
export function allows<Action extends string, Status extends string>(
  table: TransitionTable<Action, Status>,
  action: Action,
  status: Status,
): boolean {
  return table[action].from.includes(status);
}

/** The status `action` leaves behind when it happens in `status`; null when the action is refused there. */
export function statusAfter<Action extends string, Status extends string>(
  table: TransitionTable<Action, Status>,
  action: Action,
  status: Status,
): Status | null {
  const transition = table[action];
  if (!transition.from.includes(status)) return null;
  return transition.to ?? status;
}
