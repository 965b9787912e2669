import type { Model } from 'mongoose';
import type { EscortDocument } from './escortModels';

/** What the service-hours export reads of a completed escort: no elder's address, needs or notes. */
export type EscortHoursRow = Pick<
  EscortDocument,
  | '_id'
  | 'streetId'
  | 'serviceType'
  | 'volunteerId'
  | 'volunteerName'
  | 'windowStart'
  | 'windowEnd'
  | 'checkedInAt'
  | 'completedAt'
  | 'hoursReviewed'
  | 'rating'
>;

/**
 * Escorts completed in [from, to), of one street when given, oldest first: one query read through a
 * cursor in batches.
 */
export function escortExportSource(escorts: Model<EscortDocument>) {
  return {
    completedBetween(
      window: { from: Date; to: Date; streetId?: string },
      batchSize: number,
    ): AsyncIterable<EscortHoursRow> {
      return escorts
        .find(
          {
            status: 'completed',
            completedAt: { $gte: window.from, $lt: window.to },
            ...(window.streetId !== undefined ? { streetId: window.streetId } : {}),
          },
          {
            streetId: 1,
            serviceType: 1,
            volunteerId: 1,
            volunteerName: 1,
            windowStart: 1,
            windowEnd: 1,
            checkedInAt: 1,
            completedAt: 1,
            hoursReviewed: 1,
            rating: 1,
          },
        )
        .sort({ completedAt: 1, _id: 1 })
        .lean<EscortHoursRow[]>()
        .cursor({ batchSize }) as AsyncIterable<EscortHoursRow>;
    },
  };
}
