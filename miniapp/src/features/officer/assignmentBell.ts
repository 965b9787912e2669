import type { Ticket } from '@jiefang/contracts';
import { createArrivalDetector } from './arrivals';
import { ringer } from './ringer';

/** One detector for every officer page, so an assignment rung on one page does not ring again on another. */
const detector = createArrivalDetector();

/** Rings for the assignments in this list of held tickets that are new; returns them. */
export function noticeAssignments(held: readonly Ticket[]): Ticket[] {
  const arrived = detector.arrivals(held);
  if (arrived.length > 0) ringer.ring();
  return arrived;
}
