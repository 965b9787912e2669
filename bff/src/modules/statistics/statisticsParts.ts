import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import type { Clock } from '../../infra/clock';
import { documentLocks } from '../../infra/documentLocks';
import type { Logger } from '../../infra/logger';
import { loadDistrict } from '../district/district';
import { ticketStatisticsSource } from '../tickets/ticketStatisticsSource';
import { statisticsRecovery, rebuildStatistics } from './statisticsRebuild';
import { statisticsStore } from './statisticsStore';
import { statisticsSummaries } from './statisticsSummaries';
import { ticketProjection } from './ticketProjection';

/**
 * The statistics' stored parts over a database and a Redis client, as the BFF builds them: for the
 * rebuild script, the benchmark, and tests that play a second instance, a sweep or a recovery.
 */
export function statisticsParts(deps: { mongo: Connection; redis: Redis; clock: Clock; logger: Logger }) {
  const store = statisticsStore(deps.mongo);
  const tickets = ticketStatisticsSource(deps.mongo);
  const locks = documentLocks(deps.redis);
  const projection = ticketProjection({ ...deps, store, tickets, locks });
  const summaries = statisticsSummaries({
    redis: deps.redis,
    store,
    locks,
    clock: deps.clock,
    streetIds: loadDistrict().features.map(({ properties }) => properties.id),
  });
  const parts = { redis: deps.redis, store, projection, summaries, tickets };
  return {
    store,
    projection,
    summaries,
    rebuild: (fresh: boolean) => rebuildStatistics(parts, { fresh }),
    recovery: statisticsRecovery({ ...parts, clock: deps.clock }),
  };
}
