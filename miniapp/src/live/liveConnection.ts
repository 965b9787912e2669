import { liveChangeSchema, meChangesSchema } from '@jiefang/contracts';
import { joinUrl } from '../api/client';
import { contractRoute } from '../api/contractRoute';
import { apiBaseUrl, apiClient, session } from '../services';
import { createLiveHub, type LiveStreamHandlers } from './liveHub';
import { createSseReader } from './sseFrames';

const routes = {
  events: contractRoute('GET', '/api/me/events'),
  changes: contractRoute('GET', '/api/me/changes'),
};

/** How often the mini-program (and H5 while its stream is down) asks what changed. */
export const livePollMs = 1_500;
/** No bytes for this long (the BFF pings every 15 s) means the stream is dead. */
const idleTimeoutMs = 45_000;

/**
 * Follows `GET /api/me/events` with fetch, which can send the bearer header (EventSource cannot), as
 * the admin panel does. Only in H5: the mini-program has no event streams.
 */
function openEventStream(handlers: LiveStreamHandlers): { close(): void } {
  const abort = new AbortController();
  let ended = false;
  const end = (refused: boolean) => {
    if (ended) return;
    ended = true;
    handlers.onClosed(refused);
  };
  let idle: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(idle);
    idle = setTimeout(() => abort.abort(), idleTimeoutMs);
  };

  const follow = async () => {
    const token = session.current()?.token;
    if (!token) return end(true);
    arm();
    const response = await fetch(joinUrl(apiBaseUrl, routes.events.to().path), {
      headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token}` },
      signal: abort.signal,
      cache: 'no-store',
    });
    if (response.status === 401) return end(true);
    if (!response.ok || !response.body) return end(false);
    handlers.onOpen();
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const sse = createSseReader((event, data) => {
      if (event !== 'change') return;
      try {
        const change = liveChangeSchema.safeParse(JSON.parse(data));
        if (change.success) handlers.onChange(change.data);
      } catch {
        // Not JSON: not ours to act on.
      }
    });
    for (;;) {
      arm();
      const { done, value } = await reader.read();
      if (done) break;
      sse.push(decoder.decode(value, { stream: true }));
    }
  };

  void follow()
    .catch(() => undefined)
    .finally(() => {
      clearTimeout(idle);
      end(false);
    });
  return {
    close() {
      ended = true;
      clearTimeout(idle);
      abort.abort();
    },
  };
}

const streamsWork =
  process.env.TARO_ENV === 'h5' &&
  typeof fetch === 'function' &&
  typeof ReadableStream !== 'undefined' &&
  typeof AbortController !== 'undefined';

/** The app's one live listener (see `createLiveHub`). */
export const liveHub = createLiveHub({
  openStream: streamsWork ? openEventStream : undefined,
  fetchChanges: (since) => apiClient.send(routes.changes.to({}, { since }), meChangesSchema),
  pollMs: livePollMs,
  lingerMs: 5_000,
});
