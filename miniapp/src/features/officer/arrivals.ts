import type { Ticket } from '@jiefang/contracts';

type Assignment = Pick<Ticket, 'id' | 'status' | 'deadlines'>;

/** One assignment of a ticket: the same ticket assigned again (after a reassignment) is a new one. */
export function assignmentKey(ticket: Assignment): string {
  return `${ticket.id}@${ticket.deadlines.acceptBy ?? ''}`;
}

/** Assignments waiting for the officer's answer. */
function waiting(tickets: readonly Assignment[]): Assignment[] {
  return tickets.filter((ticket) => ticket.status === 'assigned');
}

/**
 * The assignments in `current` that were not in `previous`; on the first list (`previous` undefined) every
 * waiting one, since the officer has not been told of it on this phone yet.
 */
export function arrivedAssignments<T extends Assignment>(
  previous: readonly Assignment[] | undefined,
  current: readonly T[],
): T[] {
  const known = new Set(waiting(previous ?? []).map(assignmentKey));
  return current.filter((ticket) => ticket.status === 'assigned' && !known.has(assignmentKey(ticket)));
}

/**
 * Tells which lists bring a new assignment, each one once: a list that drops a ticket (a failed load, a
 * refresh racing an answer) and the next that brings it back do not ring again.
 */
export function createArrivalDetector() {
  let previous: readonly Assignment[] | undefined;
  const rung = new Set<string>();
  return {
    /** The assignments to ring for in this list. */
    arrivals<T extends Assignment>(current: readonly T[]): T[] {
      const fresh = arrivedAssignments(previous, current).filter(
        (ticket) => !rung.has(assignmentKey(ticket)),
      );
      for (const ticket of fresh) rung.add(assignmentKey(ticket));
      previous = current;
      return fresh;
    },
  };
}
