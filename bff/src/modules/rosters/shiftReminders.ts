import type { Redis } from 'ioredis';
import { beijingClock, beijingDate } from '@jiefang/contracts';
import { shiftsStartingBetween } from '../../domain/shiftSchedule';
import type { Clock } from '../../infra/clock';
import type { PendingNotification } from '../../infra/versionedChanges';
import type { District } from '../district/district';
import { rosterEntryId } from './rosterModel';
import type { RosterStore } from './rosterStore';

export const shiftReminderPolicy = {
  /** How long before a shift starts its officers are reminded. */
  leadMs: 30 * 60_000,
  /** How long a sent reminder is remembered in Redis (the outbox's ids dedupe beyond that). */
  markMs: 2 * 86_400_000,
} as const;

const markKey = (notificationId: string) => `shift-reminder:${notificationId}`;

/** `12月2日 20:00` */
const spokenStart = (at: number) => {
  const [, month, day] = beijingDate(at).split('-');
  return `${Number(month)}月${Number(day)}日 ${beijingClock(at)}`;
};

/**
 * Reminds the officers of a coming shift, once each (唐闸's night-duty officers are alerted before their
 * shift). Run from the periodic sweep on every instance: ids are deterministic, so instances and a
 * restart only repeat an insert the outbox refuses; a Redis mark spares even that.
 */
export function shiftReminders(deps: {
  rosters: Pick<RosterStore, 'schedulesOf' | 'entriesById'>;
  district: District;
  outbox: { enqueue(records: readonly PendingNotification[]): Promise<void> };
  redis: Redis;
  clock: Clock;
}) {
  return {
    /** Queues the reminders of the shifts starting within the lead time; resolves with how many were new. */
    async sendDue(): Promise<number> {
      const now = deps.clock.now().getTime();
      const squadIds = [...new Set(deps.district.features.map((street) => street.properties.squadId))];
      const schedules = await deps.rosters.schedulesOf(squadIds);
      const coming = new Map<string, { shiftName: string; startsAt: number }>();
      for (const schedule of schedules.values()) {
        for (const shift of shiftsStartingBetween(schedule.shifts, now, now + shiftReminderPolicy.leadMs)) {
          coming.set(rosterEntryId(schedule.squadId, shift.date, shift.shiftId), {
            shiftName: schedule.shifts.find((definition) => definition.id === shift.shiftId)?.name ?? '',
            startsAt: shift.startsAt,
          });
        }
      }
      const entries = await deps.rosters.entriesById([...coming.keys()]);
      const reminders: PendingNotification[] = entries.flatMap((entry) => {
        const shift = coming.get(entry._id) as { shiftName: string; startsAt: number };
        return entry.officerIds.map((officerId) => ({
          id: `shift:${entry._id}:${officerId}`,
          recipientId: officerId,
          template: 'shift_reminder',
          data: {
            rosterId: entry._id,
            squadId: entry.squadId,
            shiftId: entry.shiftId,
            shiftName: shift.shiftName,
            startsAt: spokenStart(shift.startsAt),
          },
        }));
      });
      if (!reminders.length) return 0;
      const marks = await deps.redis.mget(reminders.map((reminder) => markKey(reminder.id)));
      const fresh = reminders.filter((_, index) => marks[index] === null);
      if (!fresh.length) return 0;
      // Marked only once queued: a failure here leaves them for the next sweep.
      await deps.outbox.enqueue(fresh);
      const pipeline = deps.redis.pipeline();
      for (const reminder of fresh) pipeline.set(markKey(reminder.id), '1', 'PX', shiftReminderPolicy.markMs);
      await pipeline.exec();
      return fresh.length;
    },
  };
}

export type ShiftReminders = ReturnType<typeof shiftReminders>;
