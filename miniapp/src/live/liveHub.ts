import type { LiveChange, LiveTopic, MeChanges } from '@jiefang/contracts';
import { backoffDelay, matchesTopics, readChanges, touchedTopics, type TouchedTopics } from './liveChanges';

/** What the hub is listening with: the stream (H5), the cursor poll (weapp, or while the stream is down), or nothing. */
export type LiveMode = 'stream' | 'poll' | 'idle';

export interface LiveStreamHandlers {
  onOpen(): void;
  onChange(change: LiveChange): void;
  /** The stream ended; `refused` when the token was refused (no reconnecting then). */
  onClosed(refused: boolean): void;
}

export interface LiveTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface LiveHubDeps {
  /** Opens `GET /api/me/events`; absent where there are no event streams (the mini-program). */
  openStream?: (handlers: LiveStreamHandlers) => { close(): void };
  /** `GET /api/me/changes`, with the cursor of the previous answer. */
  fetchChanges(since: number | undefined): Promise<MeChanges>;
  /** How often to poll while polling. */
  pollMs: number;
  timers?: LiveTimers;
  backoff?: (attempt: number) => number;
  /** How long to keep listening after the last page left (the next page usually subscribes at once). */
  lingerMs?: number;
}

const systemTimers: LiveTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * One listener for the whole app, shared by every visible page that wants live changes: it listens
 * while at least one page subscribes and stops when the last leaves. With a stream it follows the
 * stream, reconnecting with back-off and polling while it is down; without one it polls.
 */
export function createLiveHub(deps: LiveHubDeps) {
  const timers = deps.timers ?? systemTimers;
  const backoff = deps.backoff ?? ((attempt: number) => backoffDelay(attempt));
  const subscribers = new Set<{ topics: readonly LiveTopic[]; onMatch: () => void }>();
  let mode: LiveMode = 'idle';
  let cursor: number | undefined;
  let stream: { close(): void } | null = null;
  let streamOpened = false;
  let attempt = 0;
  let pollFailures = 0;
  let pollTimer: unknown;
  let reconnectTimer: unknown;
  let lingerTimer: unknown;
  // Bumped on every start and stop, so a late answer or callback of an earlier run does nothing.
  let generation = 0;

  const dispatch = (touched: TouchedTopics) => {
    for (const subscriber of [...subscribers]) {
      if (matchesTopics(touched, subscriber.topics)) subscriber.onMatch();
    }
  };

  const clearTimer = (handle: unknown) => {
    if (handle !== undefined) timers.clearTimeout(handle);
  };

  const schedulePoll = (ms: number, run: number) => {
    clearTimer(pollTimer);
    pollTimer = timers.setTimeout(() => {
      pollTimer = undefined;
      void pollOnce(run);
    }, ms);
  };

  const pollOnce = async (run: number) => {
    if (run !== generation || mode !== 'poll') return;
    try {
      const since = cursor;
      const answer = await deps.fetchChanges(since);
      if (run !== generation) return;
      const read = readChanges(since, answer);
      cursor = read.cursor;
      pollFailures = 0;
      dispatch(read.touched);
    } catch {
      pollFailures += 1;
    }
    if (run === generation && mode === 'poll')
      schedulePoll(pollFailures ? Math.max(deps.pollMs, backoff(pollFailures - 1)) : deps.pollMs, run);
  };

  const startPolling = (run: number) => {
    if (mode === 'poll') return;
    mode = 'poll';
    void pollOnce(run);
  };

  const connect = (run: number) => {
    const open = deps.openStream;
    if (!open) return;
    stream = open({
      onOpen() {
        if (run !== generation) return;
        attempt = 0;
        clearTimer(pollTimer);
        pollTimer = undefined;
        mode = 'stream';
        // Reconnected: what changed while it was down and between polls may have been missed.
        if (streamOpened) dispatch('all');
        streamOpened = true;
      },
      onChange(change) {
        if (run === generation) dispatch(touchedTopics([change]));
      },
      onClosed(refused) {
        if (run !== generation) return;
        stream = null;
        startPolling(run);
        if (refused) return;
        clearTimer(reconnectTimer);
        reconnectTimer = timers.setTimeout(() => {
          reconnectTimer = undefined;
          if (run === generation) connect(run);
        }, backoff(attempt));
        attempt += 1;
      },
    });
  };

  const start = () => {
    generation += 1;
    const run = generation;
    if (deps.openStream) {
      // Poll until the stream says it is open, so a stream that never answers loses nothing.
      startPolling(run);
      connect(run);
    } else startPolling(run);
  };

  const stop = () => {
    generation += 1;
    stream?.close();
    stream = null;
    streamOpened = false;
    attempt = 0;
    clearTimer(pollTimer);
    clearTimer(reconnectTimer);
    pollTimer = reconnectTimer = undefined;
    mode = 'idle';
  };

  return {
    /** Calls `onMatch` for each change of one of `topics` until the returned function is called. */
    subscribe(topics: readonly LiveTopic[], onMatch: () => void): () => void {
      const subscriber = { topics, onMatch };
      subscribers.add(subscriber);
      clearTimer(lingerTimer);
      lingerTimer = undefined;
      if (mode === 'idle') start();
      return () => {
        if (!subscribers.delete(subscriber) || subscribers.size > 0) return;
        if (!deps.lingerMs) return stop();
        clearTimer(lingerTimer);
        lingerTimer = timers.setTimeout(() => {
          lingerTimer = undefined;
          if (subscribers.size === 0) stop();
        }, deps.lingerMs);
      };
    },
    get mode(): LiveMode {
      return mode;
    },
  };
}

export type LiveHub = ReturnType<typeof createLiveHub>;
