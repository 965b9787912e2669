import type { Redis } from 'ioredis';
import type { Clock } from '../../infra/clock';
import type { Logger } from '../../infra/logger';
import { dependencyUnavailable } from '../../http/httpError';
import type { AuditDocument } from './auditModel';
import type { AuditStore } from './auditStore';

export const auditJournalPolicy = {
  /**
   * An entry opened this long ago and never settled belongs to a request its BFF did not finish (a crash,
   * a kill): the sweep records it as `interrupted`. Far longer than any request takes.
   */
  interruptedAfterMs: 10 * 60_000,
} as const;

/** Redis keys (under the client's prefix). */
export const auditJournalKeys = {
  /**
   * Hash of entry id → `{ entry, settled }` as JSON: every audited request in flight (settled: false),
   * and every finished one whose insert into MongoDB failed (settled: true) until the sweep inserts it.
   * Redis keeps it on disk (AOF), like the notification outbox's queue.
   */
  open: 'audit:open',
} as const;

interface JournalRecord {
  entry: Omit<AuditDocument, 'at'> & { at: string };
  settled: boolean;
}

const toRecord = (entry: AuditDocument, settled: boolean): string =>
  JSON.stringify({ entry: { ...entry, at: entry.at.toISOString() }, settled } satisfies JournalRecord);

const fromRecord = (text: string): { entry: AuditDocument; settled: boolean } | null => {
  try {
    const record = JSON.parse(text) as JournalRecord;
    return { entry: { ...record.entry, at: new Date(record.entry.at) }, settled: record.settled };
  } catch {
    return null;
  }
};

/**
 * How an acted-on request cannot go unrecorded silently. Before the handler runs, its entry is written
 * ahead to Redis (`open`); refused when Redis cannot take it (503), so nothing is done that could not be
 * recorded. After the handler, the finished entry is inserted into MongoDB before the response leaves
 * (`settle`), then dropped from Redis. Should MongoDB fail, the finished entry stays in Redis and the
 * sweep (every 15 s) inserts it; should the BFF die mid-request, the open entry stays and the sweep
 * records it as `interrupted` after `interruptedAfterMs`. Only if MongoDB and Redis both fail at the same
 * moment is the entry lost, and then it is logged in full at error level.
 */
export function auditJournal(deps: { redis: Redis; store: AuditStore; clock: Clock; logger: Logger }) {
  const { redis, store, clock, logger } = deps;

  const forget = (id: string) =>
    redis.hdel(auditJournalKeys.open, id).then(
      () => undefined,
      (error: unknown) => logger.warn({ err: error, auditId: id }, 'audit journal entry not dropped'),
    );

  return {
    /** Writes the entry ahead of the action; throws 503 when Redis cannot take it. */
    async open(entry: AuditDocument): Promise<void> {
      try {
        await redis.hset(auditJournalKeys.open, entry._id, toRecord(entry, false));
      } catch (error) {
        logger.warn({ err: error, action: entry.action }, 'audit journal unavailable: action refused');
        throw dependencyUnavailable('redis');
      }
    },

    /**
     * Stores the finished entry in MongoDB, or leaves it in Redis for the sweep; never throws. An entry
     * never opened (a refusal: nothing was done) has nothing in Redis to drop.
     */
    async settle(entry: AuditDocument, options: { opened: boolean } = { opened: true }): Promise<void> {
      try {
        await store.append(entry);
      } catch (error) {
        logger.warn({ err: error, auditId: entry._id }, 'audit entry not stored yet: left for the sweep');
        try {
          await redis.hset(auditJournalKeys.open, entry._id, toRecord(entry, true));
        } catch (redisError) {
          logger.error({ err: redisError, auditEntry: entry }, 'audit entry not recorded');
        }
        return;
      }
      if (options.opened) await forget(entry._id);
    },

    /** The request did nothing worth recording (a 4xx other than 403): its entry goes. */
    discard: (id: string) => forget(id),

    /**
     * Inserts the finished entries MongoDB did not take, and records the requests that never finished
     * as interrupted. Safe to run on several instances at once: an entry's id is stored once.
     */
    async sweep(): Promise<number> {
      const held = await redis.hgetall(auditJournalKeys.open);
      const now = clock.now().getTime();
      let recorded = 0;
      for (const [id, text] of Object.entries(held)) {
        const record = fromRecord(text);
        if (!record) {
          logger.error({ auditId: id, text }, 'unreadable audit journal entry dropped');
          await forget(id);
          continue;
        }
        const { entry, settled } = record;
        if (!settled && now - entry.at.getTime() < auditJournalPolicy.interruptedAfterMs) continue;
        await store.append(settled ? entry : { ...entry, outcome: 'interrupted', status: null });
        await forget(id);
        recorded += 1;
      }
      return recorded;
    },
  };
}

export type AuditJournal = ReturnType<typeof auditJournal>;
