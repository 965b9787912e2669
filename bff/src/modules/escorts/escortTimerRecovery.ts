import type { Model } from 'mongoose';
import { overdueEscortDeadlines, pendingEscortDeadlines } from '../../domain/escortRules';
import { escortStatusGroups } from '../../domain/escortTransitions';
import type { Clock } from '../../infra/clock';
import type { Logger } from '../../infra/logger';
import type { DelayedJobs } from '../../infra/delayedJobs';
import { forEachLimited, type RecoveryTask } from '../../infra/redisRecovery';
import type { EscortTimerJob } from './escortBookings';
import type { EscortDocument } from './escortModels';

const timerFields = {
  status: 1,
  volunteerId: 1,
  windowStart: 1,
  createdAt: 1,
  escalateAt: 1,
  escalatedAt: 1,
  reminders: 1,
};
type TimerRow = Pick<
  EscortDocument,
  '_id' | 'status' | 'volunteerId' | 'windowStart' | 'createdAt' | 'escalateAt' | 'escalatedAt' | 'reminders'
>;

const graceMs = 2_000;
const pageSize = 500;

/**
 * The escort is the source of truth for its escalation and reminders: after Redis lost its data the
 * pending ones of escorts whose window has not ended are armed again and those long passed fired; each
 * sweep does the same.
 */
export function escortTimerRecovery(deps: {
  escorts: Model<EscortDocument>;
  timers: DelayedJobs<EscortTimerJob>;
  handle: (job: EscortTimerJob) => Promise<void>;
  clock: Clock;
  logger: Logger;
}): RecoveryTask {
  // Reminders and escalations are moot once the window has ended.
  const live = () => ({
    status: { $in: escortStatusGroups.awaitingStart },
    windowEnd: { $gt: deps.clock.now() },
  });
  const jobOf = (escortId: string, deadline: { kind: EscortTimerJob['kind']; volunteerId?: string }) => ({
    escortId,
    kind: deadline.kind,
    ...(deadline.volunteerId ? { volunteerId: deadline.volunteerId } : {}),
  });
  /** Each escort's passed deadlines in order. */
  const fireOverdue = (escorts: TimerRow[], now: Date, keepLease: () => Promise<void>) =>
    forEachLimited(
      escorts,
      { concurrency: 4, keepLease },
      async (escort) => {
        for (const deadline of overdueEscortDeadlines(escort, now))
          await deps.handle(jobOf(escort._id, deadline));
      },
      (error, escort) =>
        deps.logger.warn(
          { err: error, escortId: escort._id },
          'overdue escort deadline failed; the next sweep retries',
        ),
    );

  const task: RecoveryTask = {
    name: 'escorts',
    async rebuild(keepLease) {
      const now = deps.clock.now();
      // Those long passed are fired below in order (BullMQ would run an escort's all at once).
      const from = now.getTime() - graceMs;
      const overdue: TimerRow[] = [];
      let page: Array<{ job: EscortTimerJob; at: Date }> = [];
      const cursor = deps.escorts
        .find(live(), timerFields)
        .lean<TimerRow[]>()
        .cursor({ batchSize: pageSize });
      for await (const escort of cursor as AsyncIterable<TimerRow>) {
        const pending = pendingEscortDeadlines(escort);
        if (pending.some((deadline) => deadline.at.getTime() <= from)) overdue.push(escort);
        for (const deadline of pending)
          if (deadline.at.getTime() > from) page.push({ job: jobOf(escort._id, deadline), at: deadline.at });
        if (page.length >= pageSize) {
          await deps.timers.scheduleAll(page);
          page = [];
          await keepLease();
        }
      }
      await deps.timers.scheduleAll(page);
      await fireOverdue(overdue, now, keepLease);
    },
  };
  // A sweep (at start, after a reconnect, every 15 minutes) arms what is pending too: a deadline
  // whose timer could not be set while Redis was away may still be ahead, and would otherwise wait
  // for the first sweep after it passed.
  task.sweep = task.rebuild;
  return task;
}
