import { errorFromResponse } from '../api/client';
import { type ApiError } from '../api/errors';
import { createSseParser } from './sseParser';

/** connecting: the first attempt; open: events flow; reconnecting: lost, retrying; stopped: closed or signed out. */
export type LiveStatus = 'connecting' | 'open' | 'reconnecting' | 'stopped';

export interface EventStreamOptions<T> {
  url: string;
  getToken: () => string | null;
  /** The SSE `event:` name to follow; other events are ignored. */
  event: string;
  /** Validates one event's parsed JSON data: the value to deliver, or undefined to drop it. */
  parse: (payload: unknown) => T | undefined;
  onEvent: (value: T) => void;
  onStatus: (status: LiveStatus) => void;
  /** After every successful (re)connection; `reconnected` is true from the second one on. */
  onOpen?: (reconnected: boolean) => void;
  /** The token was refused: the stream stops for good. */
  onUnauthenticated?: (error: ApiError) => void;
  fetch?: typeof fetch;
  /** Wait before attempt `n` (0-based) after a failure. */
  backoff?: (attempt: number) => number;
  /** No bytes for this long (the server pings every 15 s) means the connection is dead. */
  idleTimeoutMs?: number;
}

/** The options of a stream that follows one kind of event: what `connectEventStream` takes but the event itself. */
export type TypedEventStreamOptions = Omit<EventStreamOptions<never>, 'event' | 'parse' | 'onEvent'>;

export interface EventStream {
  close(): void;
  /** Skips the current back-off wait (e.g. the browser came back online). */
  reconnectNow(): void;
}

export const RECONNECT_MAX_MS = 30_000;

/** Exponential back-off from 1 s, capped at 30 s, with ±20 % jitter so clients do not reconnect in step. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(RECONNECT_MAX_MS, 1000 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Follows a server-sent event stream with `fetch` (EventSource cannot send the bearer header), parses it,
 * validates each event of the wanted name and reconnects with back-off until closed.
 */
export function connectEventStream<T>(options: EventStreamOptions<T>): EventStream {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const backoff = options.backoff ?? ((attempt: number) => backoffDelay(attempt));
  const idleTimeoutMs = options.idleTimeoutMs ?? 45_000;
  let closed = false;
  let controller: AbortController | null = null;
  let wake: (() => void) | null = null;
  let lastEventId = '';
  let status: LiveStatus | null = null;

  const setStatus = (next: LiveStatus) => {
    if (next === status) return;
    status = next;
    options.onStatus(next);
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  async function readAll(body: ReadableStream<Uint8Array>, abort: AbortController): Promise<void> {
    const parser = createSseParser({
      onMessage(message) {
        lastEventId = message.lastEventId;
        if (message.event !== options.event) return;
        let payload: unknown;
        try {
          payload = JSON.parse(message.data);
        } catch {
          return;
        }
        const value = options.parse(payload);
        if (value !== undefined) options.onEvent(value);
      },
    });
    const decoder = new TextDecoder();
    const reader = body.getReader();
    // Aborting (close, or the idle watchdog) ends the read even where fetch does not tie the body to it.
    const cancel = () => void reader.cancel().catch(() => undefined);
    abort.signal.addEventListener('abort', cancel);
    let idle: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(idle);
      idle = setTimeout(() => abort.abort(), idleTimeoutMs);
    };
    arm();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        arm();
        parser.push(decoder.decode(value, { stream: true }));
      }
    } finally {
      clearTimeout(idle);
      abort.signal.removeEventListener('abort', cancel);
      reader.releaseLock();
    }
  }

  async function run() {
    let attempt = 0;
    let opened = false;
    while (!closed) {
      setStatus(opened || attempt > 0 ? 'reconnecting' : 'connecting');
      const token = options.getToken();
      if (!token) break;
      const abort = new AbortController();
      controller = abort;
      try {
        const headers: Record<string, string> = {
          Accept: 'text/event-stream',
          Authorization: `Bearer ${token}`,
        };
        if (lastEventId) headers['Last-Event-ID'] = lastEventId;
        const response = await doFetch(options.url, {
          headers,
          signal: abort.signal,
          cache: 'no-store',
        });
        if (response.status === 401) {
          const error = await errorFromResponse(response);
          if (error.isUnauthenticated) {
            options.onUnauthenticated?.(error);
            break;
          }
        }
        if (!response.ok || !response.body) {
          await response.body?.cancel().catch(() => undefined);
          throw new Error(`event stream answered ${response.status}`);
        }
        attempt = 0;
        setStatus('open');
        options.onOpen?.(opened);
        opened = true;
        await readAll(response.body, abort);
      } catch {
        // Network failure, a refused answer, or the idle watchdog: retry below.
      } finally {
        controller = null;
      }
      if (closed) break;
      setStatus('reconnecting');
      await sleep(backoff(attempt));
      attempt += 1;
    }
    closed = true;
    setStatus('stopped');
  }

  void run();

  return {
    close() {
      if (closed) return;
      closed = true;
      controller?.abort();
      wake?.();
    },
    reconnectNow() {
      wake?.();
    },
  };
}
