import type { LiveChange, LiveTopic, MeChanges } from '@jiefang/contracts';

/** Which topics a batch of changes touches; `reset` (changes may be missing) touches every one. */
export type TouchedTopics = ReadonlySet<LiveTopic> | 'all';

export function touchedTopics(changes: readonly LiveChange[], reset = false): TouchedTopics {
  if (reset) return 'all';
  return new Set(changes.map((change) => change.topic));
}

/** Does a page that shows `topics` need to load again for these changes? */
export function matchesTopics(touched: TouchedTopics, topics: readonly LiveTopic[]): boolean {
  if (touched === 'all') return topics.length > 0;
  return topics.some((topic) => touched.has(topic));
}

/**
 * What one answer of `GET /api/me/changes` means for the poller: the cursor to send next and the topics
 * touched. The first answer (no cursor yet) only sets the starting point; the page loaded itself on show.
 */
export function readChanges(
  since: number | undefined,
  answer: MeChanges,
): { cursor: number; touched: TouchedTopics } {
  if (since === undefined) return { cursor: answer.cursor, touched: new Set() };
  return { cursor: answer.cursor, touched: touchedTopics(answer.changes, answer.reset) };
}

/** How long to wait before reconnecting after `attempt` (0-based) failures: 1 s doubling to 30 s, ±20 % jitter. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.4 * random()));
}
