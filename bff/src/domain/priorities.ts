import { priorities, type Priority } from '@jiefang/contracts';

// `priorities` runs from the most to the least urgent.
const rank = (priority: Priority) => priorities.indexOf(priority);

/** The more urgent of two priorities. */
export const higherPriority = (a: Priority, b: Priority): Priority => (rank(a) <= rank(b) ? a : b);

/** One step more urgent, staying at the top. */
export const raisedPriority = (priority: Priority): Priority =>
  priorities[Math.max(0, rank(priority) - 1)] ?? priority;
