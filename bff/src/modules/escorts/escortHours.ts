import type { EscortStatistics, VolunteerHours } from '@jiefang/contracts';
import { servedMinutes } from '../../domain/escortRules';
import { escortTransitions } from '../../domain/escortTransitions';
import { allows } from '../../domain/statusTransitions';
import { conflict, forbidden } from '../../http/httpError';
import type { Clock } from '../../infra/clock';
import { isElderStaff, type EscortViewer } from './escortAccess';
import type { EscortChanges } from './escortChanges';
import type { EscortDocument, EscortModels } from './escortModels';

/** The service-hours ledger: each volunteer's served time, its review by the community, and statistics. */
export function escortHours(deps: {
  models: Pick<EscortModels, 'Escort'>;
  changes: EscortChanges;
  clock: Clock;
}) {
  const { Escort } = deps.models;
  const { change, entry } = deps.changes;

  return {
    async hours(volunteerId: string): Promise<VolunteerHours> {
      const done = await Escort.find({ volunteerId, status: 'completed' })
        .sort({ completedAt: -1 })
        .lean<EscortDocument[]>();
      const entries = done
        .filter((escort) => escort.checkedInAt && escort.completedAt)
        .map((escort) => ({
          escortId: escort._id,
          serviceType: escort.serviceType,
          checkedInAt: (escort.checkedInAt as Date).toISOString(),
          completedAt: (escort.completedAt as Date).toISOString(),
          minutes: servedMinutes(escort.checkedInAt as Date, escort.completedAt as Date, escort.windowStart),
          reviewed: escort.hoursReviewed,
        }));
      return {
        volunteerId,
        totalMinutes: entries.reduce((sum, item) => sum + item.minutes, 0),
        reviewedMinutes: entries.filter((item) => item.reviewed).reduce((sum, item) => sum + item.minutes, 0),
        turns: entries.length,
        entries,
      };
    },

    async reviewHours(viewer: EscortViewer, volunteerId: string, escortId: string): Promise<void> {
      await change(escortId, (escort) => {
        if (!isElderStaff(viewer, { streetId: escort.streetId })) throw forbidden('只能审核本社区的服务时长');
        if (escort.volunteerId !== volunteerId || !allows(escortTransitions, 'review_hours', escort.status))
          throw conflict('只能审核已完成的服务');
        return {
          set: {
            hoursReviewed: true,
            timeline: [
              ...escort.timeline,
              entry('hours_reviewed', { ...viewer.caller, role: 'community_worker' }),
            ],
          },
        };
      });
    },

    async statistics(streetId: string | null): Promise<EscortStatistics> {
      const filter = streetId ? { streetId } : {};
      const escorts = await Escort.find(filter, {
        status: 1,
        volunteerId: 1,
        windowStart: 1,
        checkedInAt: 1,
        completedAt: 1,
        rating: 1,
      }).lean<EscortDocument[]>();
      const done = escorts.filter((escort) => escort.status === 'completed');
      const ratings = done.flatMap((escort) => (escort.rating ? [escort.rating.score] : []));
      const minutes = done.reduce(
        (sum, escort) =>
          sum +
          (escort.checkedInAt && escort.completedAt
            ? servedMinutes(escort.checkedInAt, escort.completedAt, escort.windowStart)
            : 0),
        0,
      );
      return {
        streetId,
        servicesDone: done.length,
        // Every check-in by a volunteer is a turn; a service handed over midway counts twice.
        volunteerTurns: escorts.filter((escort) => escort.checkedInAt).length,
        volunteers: new Set(done.map((escort) => escort.volunteerId)).size,
        hours: Math.round((minutes / 60) * 10) / 10,
        averageRating: ratings.length
          ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10
          : null,
        ratings: ratings.length,
        open: escorts.filter((escort) => escort.status === 'open').length,
      };
    },
  };
}
