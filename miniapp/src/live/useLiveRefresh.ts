import { useAutoRefresh } from '../features/devices/useAutoRefresh';
import type { AutoRefresh } from '../features/devices/refresh';

/** What a page shows, so that only changes to it make it load again. */
export type LiveTopic = 'ticket' | 'escort' | 'alarm' | 'notification';

/** How soon a visible page shows a change made elsewhere. */
export const liveRefreshMs = 2_000;

/**
 * Keeps a page current while it is visible: `run` loads it again when something of `topics` changes
 * for the signed-in user. For now a poll every `liveRefreshMs` while the page shows.
 */
export function useLiveRefresh(run: () => Promise<unknown>, topics: readonly LiveTopic[]): AutoRefresh {
  void topics;
  return useAutoRefresh(run, liveRefreshMs);
}
