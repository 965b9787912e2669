import { PassThrough } from 'node:stream';
import type { Context } from 'koa';
import type { Redis } from 'ioredis';
import type { Caller } from './appState';
import type { Logger } from '../infra/logger';

const heartbeatMs = 15_000;
/** How soon a stream ends after its caller was disabled or their token expired. */
const recheckMs = 5_000;

interface Listener {
  caller: Caller;
  stream: PassThrough;
  stillSignedIn: () => Promise<boolean>;
  end: () => void;
}

/**
 * Live changes of one kind of document for consoles over server-sent events. Changes are announced
 * on a Redis channel by id, so a console connected to any BFF instance hears about changes made by
 * every instance; each listener gets only what its caller may see.
 */
export function liveEventStream<Document>(deps: {
  redis: Redis;
  channel: string;
  eventName: string;
  load: (id: string) => Promise<Document | null>;
  visibleTo: (caller: Caller, document: Document) => boolean;
  payload: (document: Document) => unknown;
  logger: Logger;
}) {
  const listeners = new Set<Listener>();
  let subscriber: Redis | null = null;
  let heartbeat: NodeJS.Timeout | null = null;
  let recheck: NodeJS.Timeout | null = null;

  const fanOut = async (id: string) => {
    if (!listeners.size) return;
    const document = await deps.load(id);
    if (!document) return;
    const frame = `event: ${deps.eventName}\ndata: ${JSON.stringify(deps.payload(document))}\n\n`;
    for (const listener of listeners) {
      if (deps.visibleTo(listener.caller, document)) listener.stream.write(frame);
    }
  };

  return {
    async start(): Promise<void> {
      // Not awaited: while Redis is away the subscription waits in the offline queue (and ioredis
      // subscribes again after each reconnect), so a start during a Redis outage still completes.
      subscriber = deps.redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
      subscriber.on('error', () => undefined);
      subscriber.on('message', (_channel: string, id: string) => {
        fanOut(id).catch((error: unknown) =>
          deps.logger.warn({ err: error, channel: deps.channel }, 'live event fan-out failed'),
        );
      });
      subscriber
        .subscribe(deps.channel)
        .catch((error: unknown) =>
          deps.logger.warn({ err: error, channel: deps.channel }, 'live event subscription failed'),
        );
      heartbeat = setInterval(() => {
        for (const listener of listeners) listener.stream.write(': ping\n\n');
      }, heartbeatMs);
      heartbeat.unref();
      recheck = setInterval(() => {
        for (const listener of listeners) {
          void listener.stillSignedIn().then((signedIn) => {
            if (!signedIn) listener.end();
          });
        }
      }, recheckMs);
      recheck.unref();
    },

    /** Announces a change; losing one is tolerable (consoles also poll), failing the request is not. */
    announce(id: string): void {
      deps.redis.publish(deps.channel, id).catch(() => undefined);
    },

    /** Streams to the caller while `stillSignedIn` says yes (checked every few seconds). */
    stream(ctx: Context, caller: Caller, stillSignedIn: () => Promise<boolean>): void {
      const stream = new PassThrough();
      const detach = () => {
        listeners.delete(listener);
        stream.end();
      };
      const listener: Listener = { caller, stream, stillSignedIn, end: detach };
      listeners.add(listener);
      ctx.req.socket.setTimeout(0);
      ctx.req.once('close', detach);
      ctx.status = 200;
      ctx.set({
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      ctx.body = stream;
      stream.write('retry: 3000\n: connected\n\n');
    },

    /** Ends every open stream, so a shutdown does not wait for consoles to hang up. */
    async stop(): Promise<void> {
      if (heartbeat) clearInterval(heartbeat);
      if (recheck) clearInterval(recheck);
      for (const listener of listeners) listener.stream.end();
      listeners.clear();
      subscriber?.disconnect();
      subscriber = null;
    },
  };
}

export type LiveEventStream = ReturnType<typeof liveEventStream>;
