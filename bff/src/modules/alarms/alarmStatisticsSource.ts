import type { Connection } from 'mongoose';
import { alarmModel, type AlarmDocument } from './alarmModel';

export type AlarmStatisticsRow = Pick<
  AlarmDocument,
  '_id' | 'type' | 'streetId' | 'householdId' | 'openedAt' | 'acknowledgedAt' | 'status'
> & { timeline: Array<{ action: string; actorId: string | null }> };

/** What the statistics read of alarms: one bounded query per request, the fields they count. */
export function alarmStatisticsSource(connection: Connection) {
  const alarms = alarmModel(connection);
  return {
    /** Alarms opened in [from, to), of one street or all, at most `limit` (newest first). */
    openedBetween: (window: { from: Date; to: Date; streetId: string | null; limit: number }) =>
      alarms
        .find(
          {
            openedAt: { $gte: window.from, $lt: window.to },
            ...(window.streetId ? { streetId: window.streetId } : {}),
          },
          { type: 1, streetId: 1, householdId: 1, openedAt: 1, acknowledgedAt: 1, status: 1, timeline: 1 },
        )
        .sort({ openedAt: -1 })
        .limit(window.limit)
        .lean<AlarmStatisticsRow[]>()
        .exec(),

    /** How many alarms are not cleared yet, of one street or all. */
    openCount: (streetId: string | null) =>
      alarms.countDocuments({ status: { $ne: 'cleared' }, ...(streetId ? { streetId } : {}) }).exec(),
  };
}

export type AlarmStatisticsSource = ReturnType<typeof alarmStatisticsSource>;
