import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Summary } from '../../domain/ticketStatistics';
import { statisticsKeys } from './statisticsKeys';
import type { StatisticsStore } from './statisticsStore';

/** How many parsed summaries a process keeps: a year of one scope is about 25, of five scopes 125. */
const rememberedAtMost = 400;

/**
 * Summaries as a process reads and writes them, with the parsed ones remembered under the token each
 * was written with. Parsing, not reading, is most of what a year's figures cost, and a past month's
 * summary seldom changes; Redis holds every summary's current token, set after its document, so one
 * `HMGET` tells which remembered copies are current and only the others are read. Tokens Redis lost
 * are taken from the documents again (`HSETNX`, so a newer write's token always wins).
 */
export function summaryCache(deps: { redis: Redis; store: StatisticsStore }) {
  const { redis, store } = deps;
  const remembered = new Map<string, { token: string; summary: Summary }>();

  const remember = (id: string, token: string, summary: Summary) => {
    remembered.delete(id);
    remembered.set(id, { token, summary });
    if (remembered.size > rememberedAtMost) {
      const oldest = remembered.keys().next().value;
      if (oldest !== undefined) remembered.delete(oldest);
    }
  };

  return {
    /** The stored summaries of these ids (absent ones are missing from the map); never mutate them. */
    async read(ids: readonly string[]): Promise<Map<string, Summary>> {
      if (!ids.length) return new Map();
      const tokens = await redis.hmget(statisticsKeys.summaryTokens, ...ids);
      const result = new Map<string, Summary>();
      const unknown: string[] = [];
      const tokenOf = new Map<string, string | null>();
      ids.forEach((id, index) => {
        const token = tokens[index] ?? null;
        tokenOf.set(id, token);
        const known = remembered.get(id);
        if (token !== null && known?.token === token) {
          remember(id, token, known.summary);
          result.set(id, known.summary);
        } else unknown.push(id);
      });
      const found = await store.summaries(unknown);
      const lostTokens = redis.pipeline();
      let lost = 0;
      for (const [id, stored] of found) {
        result.set(id, stored.summary);
        if (stored.token === null) continue;
        remember(id, stored.token, stored.summary);
        if (tokenOf.get(id) === null) {
          lostTokens.hsetnx(statisticsKeys.summaryTokens, id, stored.token);
          lost += 1;
        }
      }
      if (lost) await lostTokens.exec();
      return result;
    },

    /** Writes summaries, each under a new token, then publishes the tokens. */
    async write(records: ReadonlyArray<{ id: string; summary: Summary }>, at: Date): Promise<void> {
      if (!records.length) return;
      const tokened = records.map((record) => ({ ...record, token: randomUUID() }));
      await store.writeSummaries(tokened, at);
      await redis.hset(
        statisticsKeys.summaryTokens,
        Object.fromEntries(tokened.map((record) => [record.id, record.token])),
      );
      for (const record of tokened) remember(record.id, record.token, record.summary);
    },

    /** Forgets every token (a rebuild from scratch dropped the summaries they named). */
    async forgetAll(): Promise<void> {
      await redis.del(statisticsKeys.summaryTokens);
      remembered.clear();
    },
  };
}

export type SummaryCache = ReturnType<typeof summaryCache>;
