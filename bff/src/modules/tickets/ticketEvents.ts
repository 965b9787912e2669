import { PassThrough } from 'node:stream';
import type { Context } from 'koa';
import type { Redis } from 'ioredis';
import type { Model } from 'mongoose';
import type { Ticket, TicketEvent } from '@jiefang/contracts';
import type { Caller } from '../../http/appState';
import type { Logger } from '../../infra/logger';
import { canViewTicket } from '../reports/ticketAccess';
import type { TicketDocument } from '../reports/ticketModel';

const heartbeatMs = 15_000;

interface Listener {
  caller: Caller;
  stream: PassThrough;
}

/**
 * Live ticket changes for consoles over server-sent events. Changes are announced on a Redis channel,
 * so a console connected to any BFF instance hears about changes made by every instance.
 */
export function ticketEvents(deps: {
  redis: Redis;
  channel: string;
  tickets: Model<TicketDocument>;
  view: (ticket: TicketDocument) => Ticket;
  logger: Logger;
}) {
  const listeners = new Set<Listener>();
  let subscriber: Redis | null = null;
  let heartbeat: NodeJS.Timeout | null = null;

  const fanOut = async (ticketId: string) => {
    if (!listeners.size) return;
    const ticket = await deps.tickets.findById(ticketId).lean<TicketDocument>();
    if (!ticket) return;
    const event: TicketEvent = { type: 'ticket', ticket: deps.view(ticket) };
    const frame = `event: ticket\ndata: ${JSON.stringify(event)}\n\n`;
    for (const listener of listeners) {
      if (canViewTicket(listener.caller, ticket)) listener.stream.write(frame);
    }
  };

  return {
    async start(): Promise<void> {
      subscriber = deps.redis.duplicate({
        lazyConnect: true,
        enableOfflineQueue: true,
        maxRetriesPerRequest: null,
      });
      subscriber.on('error', () => undefined);
      subscriber.on('message', (_channel: string, ticketId: string) => {
        fanOut(ticketId).catch((error: unknown) =>
          deps.logger.warn({ err: error }, 'ticket event fan-out failed'),
        );
      });
      await subscriber.connect();
      await subscriber.subscribe(deps.channel);
      heartbeat = setInterval(() => {
        for (const listener of listeners) listener.stream.write(': ping\n\n');
      }, heartbeatMs);
      heartbeat.unref();
    },

    /** Announces a change; losing one is tolerable (consoles also poll), failing the request is not. */
    announce(ticketId: string): void {
      deps.redis.publish(deps.channel, ticketId).catch(() => undefined);
    },

    stream(ctx: Context, caller: Caller): void {
      const stream = new PassThrough();
      const listener = { caller, stream };
      listeners.add(listener);
      const detach = () => {
        listeners.delete(listener);
        stream.end();
      };
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
      for (const listener of listeners) listener.stream.end();
      listeners.clear();
      subscriber?.disconnect();
      subscriber = null;
    },
  };
}

export type TicketEvents = ReturnType<typeof ticketEvents>;
