import type { Model } from 'mongoose';
import { pendingChargingEscalation } from '../../domain/deviceAlarmRules';
import type { DelayedJobs } from '../../infra/delayedJobs';
import type { RecoveryTask } from '../../infra/redisRecovery';
import type { AlarmTimerJob } from './alarmReactions';
import type { AlarmDocument } from './alarmModel';

/** Active indoor-charging alarms without a ticket: the only ones with an escalation to come. */
const waitingFilter = { status: 'active', type: 'indoor_charging', ticketId: null };
const escalationFields = { type: 1, status: 1, ticketId: 1, openedAt: 1, escalateAt: 1 };
type EscalationRow = Pick<AlarmDocument, '_id' | 'type' | 'status' | 'ticketId' | 'openedAt' | 'escalateAt'>;

/**
 * The alarm is the source of truth for its "nobody acknowledged" escalation: after Redis lost its data
 * the escalations of waiting alarms are armed again (the overdue ones fire at once), and so at each sweep.
 */
export function alarmTimerRecovery(deps: {
  alarms: Model<AlarmDocument>;
  timers: DelayedJobs<AlarmTimerJob>;
  timeScale: number;
}): RecoveryTask {
  const waiting = () => deps.alarms.find(waitingFilter, escalationFields).lean<EscalationRow[]>();
  const task: RecoveryTask = {
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
  };
  // A sweep (at start, after a reconnect, every 15 minutes) arms what is pending too: a deadline
  // whose timer could not be set while Redis was away may still be ahead, and would otherwise wait
  // for the first sweep after it passed.
  task.sweep = task.rebuild;
  return task;
}
