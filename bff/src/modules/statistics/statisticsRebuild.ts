import type { Redis } from 'ioredis';
import type { RecoveryTask } from '../../infra/redisRecovery';
import type { Clock } from '../../infra/clock';
import { openTicketEntry, type StatisticsTicket } from '../../domain/ticketStatistics';
import { statisticsKeys } from './statisticsKeys';
import type { StatisticsStore } from './statisticsStore';
import type { StatisticsSummaries } from './statisticsSummaries';
import type { TicketProjection } from './ticketProjection';

/**
 * Tickets queued per projection flush during a rebuild: a flush writes each hour bucket once, and
 * tickets come in no particular order, so the larger the chunk the fewer writes (a queued fact is a
 * few hundred bytes).
 */
const rebuildChunk = 250_000;
/** After Redis lost its data, tickets changed this recently are projected again (their marks are gone). */
export const recoveryWindowMs = 2 * 86_400_000;

interface RebuildDeps {
  redis: Redis;
  store: StatisticsStore;
  projection: TicketProjection;
  summaries: StatisticsSummaries;
}

const projectAll = async (
  deps: RebuildDeps,
  tickets: AsyncIterable<StatisticsTicket>,
  keepLease: () => Promise<void>,
): Promise<number> => {
  let count = 0;
  for await (const ticket of tickets) {
    deps.projection.project([ticket]);
    count += 1;
    if (count % rebuildChunk === 0) {
      await deps.projection.flush(true);
      await keepLease();
    }
  }
  await deps.projection.flush(true);
  return count;
};

/**
 * Recomputes every fact and summary from the tickets. `fresh` drops what is stored first (the figures
 * then come from the tickets alone; changes made while it runs are projected again by their own
 * writes only if they come after it, so run it fresh when the BFF is quiet). Without `fresh` it is safe
 * at any time: a fact is replaced only by one of the same or a newer ticket version.
 */
export async function rebuildStatistics(
  deps: RebuildDeps & { tickets: { all(): AsyncIterable<StatisticsTicket> } },
  options: { fresh: boolean; keepLease?: () => Promise<void> },
): Promise<{ tickets: number }> {
  const keepLease = options.keepLease ?? (async () => undefined);
  if (options.fresh) {
    await deps.store.clear();
    await deps.redis.del(
      statisticsKeys.open,
      statisticsKeys.dirtyDays,
      statisticsKeys.dirtyWeeks,
      statisticsKeys.dirtyMonths,
      statisticsKeys.summaryTokens,
    );
  }
  const tickets = await projectAll(deps, deps.tickets.all(), keepLease);
  await deps.summaries.refreshDirty({ months: true });
  return { tickets };
}

/**
 * What Redis holds for the statistics and how it comes back: the open-ticket registry is rebuilt from
 * the open tickets (into a new key, swapped in at once), and tickets changed lately are projected again
 * with their days marked dirty, since the pending marks and dirty days were lost with Redis. The sweep
 * projects tickets whose marks outlived their grace and refreshes the summaries left dirty.
 */
export function statisticsRecovery(
  deps: RebuildDeps & {
    tickets: {
      open(): AsyncIterable<StatisticsTicket>;
      changedSince(since: Date): AsyncIterable<StatisticsTicket>;
    };
    clock: Clock;
  },
): RecoveryTask {
  return {
    name: 'statistics',
    async rebuild(keepLease) {
      const building = `${statisticsKeys.open}:rebuilding`;
      await deps.redis.del(building);
      let pipeline = deps.redis.pipeline();
      let queued = 0;
      for await (const ticket of deps.tickets.open()) {
        const entry = openTicketEntry(ticket);
        if (entry) pipeline.hset(building, ticket._id, JSON.stringify(entry));
        if (++queued % 500 === 0) {
          await pipeline.exec();
          pipeline = deps.redis.pipeline();
          await keepLease();
        }
      }
      await pipeline.exec();
      if (await deps.redis.exists(building)) await deps.redis.rename(building, statisticsKeys.open);
      else await deps.redis.del(statisticsKeys.open);
      const since = new Date(deps.clock.now().getTime() - recoveryWindowMs);
      await projectAll(deps, deps.tickets.changedSince(since), keepLease);
      await deps.summaries.refreshDirty({ months: true });
    },
    async sweep() {
      await deps.projection.sweep();
      await deps.summaries.refreshDirty({ months: true });
    },
  };
}
