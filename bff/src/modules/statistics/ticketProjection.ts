import type { Redis } from 'ioredis';
import type { Clock } from '../../infra/clock';
import type { DocumentLocks } from '../../infra/documentLocks';
import type { Logger } from '../../infra/logger';
import {
  openTicketEntry,
  ticketFacts,
  type OpenTicketEntry,
  type StatisticsTicket,
  type TicketFact,
} from '../../domain/ticketStatistics';
import { statisticsKeys } from './statisticsKeys';
import { bucketIdOf, factKey, type StatisticsStore } from './statisticsStore';

/** What the projection reads of tickets, by `_id` only (the tickets module implements it). */
export interface StatisticsTicketSource {
  byId(id: string): Promise<StatisticsTicket | null>;
}

/** What a queued ticket becomes, computed at once: small, so a rebuild can queue every ticket. */
interface Queued {
  id: string;
  bucket: string;
  fact: TicketFact;
  open: OpenTicketEntry | null;
  /** Pending marks this projection settles. */
  marks: string[];
}

/** How long a mark may stay before the sweep projects its ticket itself. */
export const pendingGraceMs = 30_000;
/**
 * How long written facts wait to be projected: twenty times the last flush, between 1 and 15 s. A flush
 * rewrites whole hour buckets, and FerretDB v1 writes one document at a time, so under a flood of
 * reports the projection backs off to about a twentieth of the database's time instead of competing
 * with the reports themselves. Readers flush first, so their figures never wait for it.
 */
const flushDelay = { leastMs: 1000, mostMs: 15_000, timesLastFlush: 20 };
const flushConcurrency = 8;

const markOf = (id: string, version: number) => `${id}|${version}`;

/**
 * Keeps the facts of every ticket in step with the ticket. Before a ticket is written its id and new
 * version are marked in Redis (`marking`); after the write (`written`) its fact is queued and, within
 * seconds, set in its hour bucket under the bucket's lock, only when newer than the stored one (so a
 * replay or a late projection from another instance counts nothing twice and undoes nothing), and the
 * mark is removed. A process that dies between leaves the mark: `sweep` projects those tickets from
 * the database. Projected days are marked dirty for the summaries.
 */
export function ticketProjection(deps: {
  redis: Redis;
  store: StatisticsStore;
  tickets: StatisticsTicketSource;
  locks: DocumentLocks;
  clock: Clock;
  logger: Logger;
}) {
  const { redis, store } = deps;
  let queue = new Map<string, Queued>();
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> | null = null;
  let lastFlushMs = 0;

  const enqueue = (ticket: StatisticsTicket, marks: string[]) => {
    const known = queue.get(ticket._id);
    if (known && known.fact.v > (ticket.version ?? 0)) {
      known.marks.push(...marks);
      return;
    }
    queue.set(ticket._id, {
      id: ticket._id,
      bucket: bucketIdOf(ticket.reportedAt.getTime()),
      fact: ticketFacts(ticket),
      open: openTicketEntry(ticket),
      marks: [...(known?.marks ?? []), ...marks],
    });
  };

  /** One bucket: newer facts in, the open-ticket registry and dirty days after them. */
  const projectBucket = async (bucketId: string, items: Queued[], force: boolean) => {
    const facts = new Map(items.map((item) => [factKey(item.id), { item, fact: item.fact }]));
    await deps.locks.withLock(`stats-bucket:${bucketId}`, async () => {
      const stored = await store.factsOf(bucketId, [...facts.keys()]);
      const newer: Record<string, TicketFact> = {};
      const winners: Queued[] = [];
      for (const [key, { item, fact }] of facts) {
        const current = stored[key];
        if (current && (force ? current.v > fact.v : current.v >= fact.v)) continue;
        newer[key] = fact;
        winners.push(item);
      }
      if (!winners.length) return;
      const day = (Object.values(newer)[0] as TicketFact).day;
      await store.setFacts(bucketId, day, newer);
      const multi = redis.multi();
      for (const item of winners) {
        if (item.open) multi.hset(statisticsKeys.open, item.id, JSON.stringify(item.open));
        else multi.hdel(statisticsKeys.open, item.id);
      }
      multi.hincrby(statisticsKeys.dirtyDays, day, 1);
      await multi.exec();
    });
  };

  const flushOnce = async (force: boolean) => {
    const taken = queue;
    queue = new Map();
    if (!taken.size) return;
    const byBucket = new Map<string, Queued[]>();
    for (const item of taken.values()) {
      const list = byBucket.get(item.bucket);
      if (list) list.push(item);
      else byBucket.set(item.bucket, [item]);
    }
    const entries = [...byBucket];
    let next = 0;
    const failed: Queued[] = [];
    const worker = async () => {
      while (next < entries.length) {
        const [bucket, items] = entries[next++] as [string, Queued[]];
        try {
          await projectBucket(bucket, items, force);
          const marks = items.flatMap((item) => item.marks);
          if (marks.length) await redis.zrem(statisticsKeys.pending, ...marks);
        } catch (error) {
          deps.logger.warn(
            { err: error, bucket },
            'statistics projection failed; retried, and the sweep has its marks',
          );
          failed.push(...items);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(flushConcurrency, entries.length) }, worker));
    // Back in the queue unless a newer write of the same ticket came meanwhile.
    for (const item of failed) if (!queue.has(item.id)) queue.set(item.id, item);
    if (failed.length) throw new Error(`statistics projection failed for ${failed.length} tickets`);
  };

  const flush = async (force = false): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    while (flushing) await flushing;
    // Measures the database's pace, not business time, so it reads the process's own timer.
    const started = performance.now();
    flushing = flushOnce(force).finally(() => {
      lastFlushMs = performance.now() - started;
      flushing = null;
    });
    return flushing;
  };

  const schedule = () => {
    timer ??= setTimeout(
      () => {
        timer = null;
        flush().catch(() => undefined);
      },
      Math.min(flushDelay.mostMs, Math.max(flushDelay.leastMs, lastFlushMs * flushDelay.timesLastFlush)),
    );
    timer.unref();
  };

  return {
    /** Before a ticket is written (under its lock): the mark the sweep finds should the write's projection be lost. */
    async marking(id: string, version: number): Promise<void> {
      await redis.zadd(statisticsKeys.pending, deps.clock.now().getTime(), markOf(id, version));
    },

    /** After a ticket was written: its fact follows within seconds (`flushDelay`). */
    written(ticket: StatisticsTicket): void {
      enqueue(ticket, [markOf(ticket._id, ticket.version ?? 0)]);
      schedule();
    },

    /** Projects what is queued now; `force` re-marks the days dirty even where the facts were current. */
    flush,

    /** Queues tickets read from the database (rebuild, recovery), to be projected by the next flush. */
    project(tickets: Iterable<StatisticsTicket>): void {
      for (const ticket of tickets) enqueue(ticket, []);
    },

    /** Projects the tickets of marks older than the grace period (a write whose projection was lost). */
    async sweep(): Promise<number> {
      const before = deps.clock.now().getTime() - pendingGraceMs;
      const marks = await redis.zrangebyscore(statisticsKeys.pending, '-inf', before, 'LIMIT', 0, 1000);
      if (!marks.length) return 0;
      const byTicket = new Map<string, string[]>();
      for (const mark of marks) {
        const id = mark.slice(0, mark.lastIndexOf('|'));
        byTicket.set(id, [...(byTicket.get(id) ?? []), mark]);
      }
      const missing: string[] = [];
      for (const [id, ticketMarks] of byTicket) {
        const ticket = await deps.tickets.byId(id);
        // The write never happened (the insert was refused or the process died first).
        if (!ticket) missing.push(...ticketMarks);
        else enqueue(ticket, ticketMarks);
      }
      if (missing.length) await redis.zrem(statisticsKeys.pending, ...missing);
      await flush();
      return byTicket.size;
    },
  };
}

export type TicketProjection = ReturnType<typeof ticketProjection>;
