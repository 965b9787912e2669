import type { Model } from 'mongoose';
import { pendingChargingEscalation } from '../../domain/deviceAlarmRules';
import type { Clock } from '../../infra/clock';
import type { DelayedJobs } from '../../infra/delayedJobs';
import type { Logger } from '../../infra/logger';
import { forEachLimited, type RecoveryTask } from '../../infra/redisRecovery';
import type { AlarmTimerJob } from './alarmReactions';
import type { AlarmDocument } from './alarmModel';

/** Active indoor-charging alarms without a ticket: the only ones with an escalation to come. */
const waitingFilter = { status: 'active', type: 'indoor_charging', ticketId: null };
const escalationFields = { type: 1, status: 1, ticketId: 1, openedAt: 1, escalateAt: 1 };
type EscalationRow = Pick<AlarmDocument, '_id' | 'type' | 'status' | 'ticketId' | 'openedAt' | 'escalateAt'>;

const graceMs = 2_000;

/**
 * The alarm is the source of truth for its "nobody acknowledged" escalation: after Redis lost its data
 * the escalations of waiting alarms are armed again, and each sweep fires the overdue ones.
 */
export function alarmTimerRecovery(deps: {
  alarms: Model<AlarmDocument>;
  timers: DelayedJobs<AlarmTimerJob>;
  handle: (job: AlarmTimerJob) => Promise<void>;
  clock: Clock;
  timeScale: number;
  logger: Logger;
}): RecoveryTask {
  const waiting = () => deps.alarms.find(waitingFilter, escalationFields).lean<EscalationRow[]>();
  return {
    name: 'alarms',
    /** Overdue ones too, at once: an alarm has one deadline, so BullMQ's order does not matter. */
    async rebuild() {
      const rows = await waiting();
      await deps.timers.scheduleAll(
        rows.flatMap((alarm) => {
          const at = pendingChargingEscalation(alarm, deps.timeScale);
          return at ? [{ job: { alarmId: alarm._id, kind: 'charging_unacknowledged' as const }, at }] : [];
        }),
      );
    },
    async sweep(keepLease) {
      const cutoff = deps.clock.now().getTime() - graceMs;
      const rows = await waiting();
      const overdue = rows.filter(
        (alarm) => (pendingChargingEscalation(alarm, deps.timeScale)?.getTime() ?? Infinity) <= cutoff,
      );
      await forEachLimited(
        overdue,
        { concurrency: 4, keepLease },
        (alarm) => deps.handle({ alarmId: alarm._id, kind: 'charging_unacknowledged' }),
        (error, alarm) =>
          deps.logger.warn(
            { err: error, alarmId: alarm._id },
            'overdue alarm escalation failed; the next sweep retries',
          ),
      );
    },
  };
}
