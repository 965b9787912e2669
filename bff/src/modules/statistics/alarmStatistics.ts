import type { AlarmStatistics, StatisticsQuery } from '@jiefang/contracts';
import { beijingInstant } from '@jiefang/contracts';
import type { Caller } from '../../http/appState';
import { assertStatisticsRange } from './statisticsRange';
import type { Clock } from '../../infra/clock';
import { addToHistogram, bandOf, histogramFigures, type Histogram } from '../../domain/durationBands';
import type { AlarmStatisticsRow } from '../alarms/alarmStatisticsSource';
import type { StatisticsScopes } from './statisticsScope';

/** At most this many alarms are counted per request (the answer says so through its figures' counts). */
export const alarmStatisticsLimit = 20_000;

export interface AlarmStatisticsDeps {
  alarms: {
    openedBetween(window: {
      from: Date;
      to: Date;
      streetId: string | null;
      limit: number;
    }): Promise<AlarmStatisticsRow[]>;
  };
  /** A household's address, street and owners (null when gone). */
  household(id: string): Promise<{ address: string; streetId: string | null; ownerIds: string[] } | null>;
  scopes: StatisticsScopes;
  clock: Clock;
}

/**
 * Device alarms of a range: by type, how long owners took to acknowledge (only acknowledgements by one
 * of the household's owners count), how many nobody acknowledged, and households alarming twice or
 * more. Alarms are far fewer than tickets, so this reads them with one bounded query per request.
 */
export function alarmStatistics(deps: AlarmStatisticsDeps) {
  return {
    async alarms(caller: Caller, query: StatisticsQuery): Promise<AlarmStatistics> {
      const { streetId } = await deps.scopes.scopeOf(caller, query.street);
      assertStatisticsRange(query.from, query.to);
      const rows = await deps.alarms.openedBetween({
        from: new Date(beijingInstant(query.from, 0)),
        to: new Date(beijingInstant(query.to, 24 * 60)),
        streetId,
        limit: alarmStatisticsLimit,
      });
      const byType = new Map<string, number>();
      const byHousehold = new Map<string, number>();
      for (const row of rows) {
        byType.set(row.type, (byType.get(row.type) ?? 0) + 1);
        if (row.householdId) byHousehold.set(row.householdId, (byHousehold.get(row.householdId) ?? 0) + 1);
      }
      const households = new Map(
        await Promise.all([...byHousehold.keys()].map(async (id) => [id, await deps.household(id)] as const)),
      );
      const acknowledgement: Histogram = {};
      for (const row of rows) {
        if (!row.acknowledgedAt || !row.householdId) continue;
        const owners = households.get(row.householdId)?.ownerIds ?? [];
        const by = row.timeline.find((entry) => entry.action === 'acknowledged')?.actorId;
        if (!by || !owners.includes(by)) continue;
        addToHistogram(
          acknowledgement,
          bandOf((row.acknowledgedAt.getTime() - row.openedAt.getTime()) / 60_000),
        );
      }
      return {
        from: query.from,
        to: query.to,
        streetId,
        byType: [...byType]
          .map(([type, alarms]) => ({ type, alarms }))
          .sort((a, b) => b.alarms - a.alarms || (a.type < b.type ? -1 : 1)),
        ownerAcknowledgement: histogramFigures(acknowledgement),
        unacknowledged: rows.filter((row) => !row.acknowledgedAt).length,
        repeatHouseholds: [...byHousehold]
          .filter(([, alarms]) => alarms >= 2)
          .map(([householdId, alarms]) => ({
            householdId,
            address: households.get(householdId)?.address ?? '',
            streetId: households.get(householdId)?.streetId ?? null,
            alarms,
          }))
          .sort((a, b) => b.alarms - a.alarms || (a.householdId < b.householdId ? -1 : 1)),
        generatedAt: deps.clock.now().toISOString(),
      };
    },
  };
}

export type AlarmStatisticsService = ReturnType<typeof alarmStatistics>;
