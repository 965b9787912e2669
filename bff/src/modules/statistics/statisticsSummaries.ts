import type { Redis } from 'ioredis';
import { redisScript } from '../../infra/redisScript';
import type { Clock } from '../../infra/clock';
import type { DocumentLocks } from '../../infra/documentLocks';
import { emptySummary, mergeSummaries, summarizeScopes, type Summary } from '../../domain/ticketStatistics';
import { daysOfMonth, daysOfWeek, monthOf, rangePlan, weekOf } from '../../domain/ticketStatisticsPeriods';
import { statisticsKeys } from './statisticsKeys';
import { summaryId, type StatisticsStore } from './statisticsStore';
import { summaryCache } from './summaryCache';

/** Merged periods: each summary is the merge of its days' summaries. */
const mergedPeriods = {
  week: { dirty: statisticsKeys.dirtyWeeks, daysOf: daysOfWeek },
  month: { dirty: statisticsKeys.dirtyMonths, daysOf: daysOfMonth },
} as const;
type MergedPeriod = keyof typeof mergedPeriods;

/**
 * Day, ISO week and month summaries, derived from the facts. A day marked dirty is summarised again
 * from its hour buckets (for the district and for every street, so a street that lost its last ticket
 * is emptied too) and marks its week and month dirty; a dirty week or month is merged again from its
 * days. A range is read from whole clean months, whole clean weeks of the rest and single days, each
 * by `_id`; dirty days in it are refreshed first, so answers are exact, and a dirty week or month is
 * read day by day until the background refresh catches up.
 */
export function statisticsSummaries(deps: {
  redis: Redis;
  store: StatisticsStore;
  locks: DocumentLocks;
  clock: Clock;
  /** Every street of the district: each gets its own summaries. */
  streetIds: readonly string[];
}) {
  const { redis, store } = deps;
  const stored = summaryCache({ redis, store });
  // Clears a dirty mark only if nobody marked it again since the refresh read it.
  const clearIfUnchanged = redisScript<number>(
    redis,
    'jiefangStatisticsClean',
    1,
    `if redis.call('hget', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('hdel', KEYS[1], ARGV[1]) else return 0 end`,
  );

  const scopesOf = (found: Iterable<string>) => [...new Set(['all', ...deps.streetIds, ...found])];

  const refreshDay = (day: string) =>
    deps.locks.withLock(`stats-day:${day}`, async () => {
      // Read before the facts: a fact set meanwhile raises the counter, and the day stays dirty.
      const generation = await redis.hget(statisticsKeys.dirtyDays, day);
      const summaries = summarizeScopes(await store.factsOfDay(day));
      const records = scopesOf(summaries.keys()).map((scope) => ({
        id: summaryId('day', day, scope),
        summary: summaries.get(scope) ?? emptySummary(),
      }));
      await stored.write(records, deps.clock.now());
      await redis
        .multi()
        .hincrby(statisticsKeys.dirtyWeeks, weekOf(day), 1)
        .hincrby(statisticsKeys.dirtyMonths, monthOf(day), 1)
        .exec();
      if (generation !== null) await clearIfUnchanged(statisticsKeys.dirtyDays, day, generation);
    });

  const refreshMerged = (kind: MergedPeriod, period: string) =>
    deps.locks.withLock(`stats-${kind}:${period}`, async () => {
      const { dirty, daysOf } = mergedPeriods[kind];
      const generation = await redis.hget(dirty, period);
      const days = daysOf(period);
      // Scopes a street-less district would not list (a street renamed away) are found in the days.
      const allDays = await stored.read(days.map((day) => summaryId('day', day, 'all')));
      const streets = new Set<string>();
      for (const summary of allDays.values())
        for (const street of Object.keys(summary.by.street)) streets.add(street);
      const records: Array<{ id: string; summary: Summary }> = [];
      for (const scope of scopesOf(streets)) {
        const daily =
          scope === 'all' ? allDays : await stored.read(days.map((day) => summaryId('day', day, scope)));
        records.push({ id: summaryId(kind, period, scope), summary: mergeSummaries(daily.values()) });
      }
      await stored.write(records, deps.clock.now());
      if (generation !== null) await clearIfUnchanged(dirty, period, generation);
    });

  /** Refreshes dirty days (those given, or all) and, with `months`, dirty weeks and months. */
  const refreshDirty = async (options: { days?: readonly string[]; months: boolean }) => {
    const dirtyDays = await redis.hkeys(statisticsKeys.dirtyDays);
    const wanted = options.days ? new Set(options.days) : null;
    const due = dirtyDays.filter((day) => !wanted || wanted.has(day)).sort();
    // A few days at once (a rebuild refreshes a year of them); each holds its own lock.
    let next = 0;
    const worker = async () => {
      while (next < due.length) await refreshDay(due[next++] as string);
    };
    await Promise.all(Array.from({ length: Math.min(4, due.length) }, worker));
    if (!options.months) return;
    for (const kind of ['week', 'month'] as const)
      for (const period of (await redis.hkeys(mergedPeriods[kind].dirty)).sort())
        await refreshMerged(kind, period);
  };

  return {
    refreshDay,
    refreshDirty,

    /** The summary of a range for a scope, and its day-by-day breakdown (in `by.day`). */
    async range(from: string, to: string, scope: string): Promise<Summary> {
      const plan0 = rangePlan(from, to);
      const inRange = new Set([
        ...plan0.days,
        ...plan0.weeks.flatMap(daysOfWeek),
        ...plan0.months.flatMap(daysOfMonth),
      ]);
      await refreshDirty({ days: [...inRange], months: false });
      const [dirtyWeeks, dirtyMonths] = await Promise.all([
        redis.hkeys(statisticsKeys.dirtyWeeks),
        redis.hkeys(statisticsKeys.dirtyMonths),
      ]);
      const plan = rangePlan(from, to, { weeks: new Set(dirtyWeeks), months: new Set(dirtyMonths) });
      const ids = [
        ...plan.months.map((month) => summaryId('month', month, scope)),
        ...plan.weeks.map((monday) => summaryId('week', monday, scope)),
        ...plan.days.map((day) => summaryId('day', day, scope)),
      ];
      return mergeSummaries((await stored.read(ids)).values());
    },
  };
}

export type StatisticsSummaries = ReturnType<typeof statisticsSummaries>;
