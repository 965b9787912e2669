import type { Model } from 'mongoose';
import type { AlarmDocument } from './alarmModel';

/** What an export reads of an alarm: no timeline, trace or warnings. */
export type AlarmExportRow = Omit<AlarmDocument, 'timeline' | 'noise' | 'warnings' | 'pendingNotifications'>;

/**
 * Alarms opened in [from, to), of one street when given, oldest first: one query read through a
 * cursor in batches (exports must not hold a year of alarms in memory).
 */
export function alarmExportSource(alarms: Model<AlarmDocument>) {
  return {
    openedBetween(
      window: { from: Date; to: Date; streetId?: string },
      batchSize: number,
    ): AsyncIterable<AlarmExportRow> {
      return alarms
        .find(
          {
            openedAt: { $gte: window.from, $lt: window.to },
            ...(window.streetId !== undefined ? { streetId: window.streetId } : {}),
          },
          { timeline: 0, noise: 0, warnings: 0, pendingNotifications: 0 },
        )
        .sort({ openedAt: 1, _id: 1 })
        .lean<AlarmExportRow[]>()
        .cursor({ batchSize }) as AsyncIterable<AlarmExportRow>;
    },
  };
}
