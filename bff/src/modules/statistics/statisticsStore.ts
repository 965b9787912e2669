import type { Connection } from 'mongoose';
import type { Summary, TicketFact } from '../../domain/ticketStatistics';

/**
 * A Beijing report hour's facts, keyed by ticket, each fact JSON text: FerretDB v1 reads and rewrites a
 * whole document on every update, at a cost that grows with its fields, and a fact as one string costs
 * a fifth of a fact as twenty fields.
 */
interface FactBucket {
  _id: string;
  day: string;
  facts: Record<string, string>;
}

/**
 * A day's or a month's summary for one scope (`all` or a street). Stored as JSON text: FerretDB v1
 * turns every field of a document into SQLite JSON and back, and one string is far cheaper to read
 * than thousands of nested fields.
 */
interface SummaryRecord {
  _id: string;
  summary: string;
  at: Date;
  /** Written with the summary and kept in Redis, so a process can tell its parsed copy is current. */
  token?: string;
}

/** A summary as stored, with the token it was written under (absent on summaries written before tokens). */
export interface StoredSummary {
  summary: Summary;
  token: string | null;
}

/** The hour bucket of a report, `YYYY-MM-DDTHH` in Beijing time. */
export const bucketIdOf = (reportedAtMs: number): string =>
  new Date(reportedAtMs + 8 * 3600_000).toISOString().slice(0, 13);

export const bucketIdsOfDay = (day: string): string[] =>
  Array.from({ length: 24 }, (_, hour) => `${day}T${String(hour).padStart(2, '0')}`);

const parsedFacts = (facts: Record<string, string>): Record<string, TicketFact> =>
  Object.fromEntries(Object.entries(facts).map(([key, text]) => [key, JSON.parse(text) as TicketFact]));

/** Summary ids: `day:2030-03-04|all`, `week:2030-03-04|<streetId>` (its Monday), `month:2030-03|all`. */
export const summaryId = (kind: 'day' | 'week' | 'month', period: string, scope: string): string =>
  `${kind}:${period}|${scope}`;

/** Ticket ids become field names: no dots, no leading dollar. */
export const factKey = (ticketId: string): string => ticketId.replace(/[.$]/g, '_');

/** How many `_id` reads run at once (each is cheap on FerretDB; many at once only queue). */
const readConcurrency = 16;

async function inParallel<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(readConcurrency, items.length) }, worker));
  return results;
}

/**
 * Every query on the statistics' own collections. Each read is by `_id` (FerretDB v1 answers nothing
 * else without scanning): fact buckets by report hour, summaries by period and scope.
 */
export function statisticsStore(connection: Connection) {
  const buckets = connection.collection<FactBucket>('statistics_facts');
  const summaries = connection.collection<SummaryRecord>('statistics_summaries');

  return {
    /** The stored facts of these tickets in one bucket (absent ones are missing from the map). */
    async factsOf(bucketId: string, keys: readonly string[]): Promise<Record<string, TicketFact>> {
      const projection = Object.fromEntries(keys.map((key) => [`facts.${key}`, 1]));
      const found = await buckets.findOne({ _id: bucketId }, { projection });
      return found ? parsedFacts(found.facts) : {};
    },

    /** Sets these facts in their bucket; setting a fact again to the same value changes nothing. */
    async setFacts(bucketId: string, day: string, facts: Record<string, TicketFact>): Promise<void> {
      const set = Object.fromEntries(
        Object.entries(facts).map(([key, fact]) => [`facts.${key}`, JSON.stringify(fact)]),
      );
      await buckets.updateOne({ _id: bucketId }, { $set: { day, ...set } }, { upsert: true });
    },

    /** Every fact of a Beijing day. */
    async factsOfDay(day: string): Promise<TicketFact[]> {
      const found = await inParallel(bucketIdsOfDay(day), (id) => buckets.findOne({ _id: id }));
      return found.flatMap((bucket) => (bucket ? Object.values(parsedFacts(bucket.facts)) : []));
    },

    async summaries(ids: readonly string[]): Promise<Map<string, StoredSummary>> {
      const found = await inParallel(ids, (id) => summaries.findOne({ _id: id }));
      return new Map(
        found.flatMap((record) =>
          record
            ? [[record._id, { summary: JSON.parse(record.summary) as Summary, token: record.token ?? null }]]
            : [],
        ),
      );
    },

    async writeSummaries(
      records: ReadonlyArray<{ id: string; summary: Summary; token: string }>,
      at: Date,
    ): Promise<void> {
      await inParallel(records, (record) =>
        summaries.replaceOne(
          { _id: record.id },
          { summary: JSON.stringify(record.summary), at, token: record.token },
          { upsert: true },
        ),
      );
    },

    /** Drops every fact and summary (a rebuild from scratch). */
    async clear(): Promise<void> {
      await Promise.all([buckets.deleteMany({}), summaries.deleteMany({})]);
    },
  };
}

export type StatisticsStore = ReturnType<typeof statisticsStore>;
