import { overdueSlaDeadlines, pendingSlaDeadlines, type SlaClockState } from '../../domain/slaDeadlines';
import { ticketStatusGroups } from '../../domain/ticketTransitions';
import type { Clock } from '../../infra/clock';
import type { Logger } from '../../infra/logger';
import { forEachLimited, type RecoveryTask } from '../../infra/redisRecovery';
import type { DispatchTickets } from '../tickets/dispatchPort';
import type { SlaTimerJob, SlaTimers } from './slaTimers';

/** Statuses with a deadline to come: the on-site clock runs, or an assignment waits to be accepted. */
const clockStatuses = ticketStatusGroups.slaClockRunning;
const clockFields = ['status', 'assignmentSeq', 'slaRound', 'deadlines', 'slaWarned', 'slaBreached'] as const;
type ClockRow = SlaClockState & { _id: string };

export const slaRecoveryPolicy = {
  /** A deadline passed this long ago whose timer did not fire is fired by the sweep. */
  graceMs: 2_000,
  pageSize: 500,
  concurrency: 4,
} as const;

/**
 * The ticket is the source of truth for its SLA deadlines. After Redis lost its data, one pass over the
 * open tickets arms their pending deadlines again (BullMQ keeps one job per id, so this never doubles
 * one) and fires those long passed; each sweep does the same. The handler is conditional, so firing one
 * twice changes nothing.
 */
export function slaTimerRecovery(deps: {
  tickets: Pick<DispatchTickets, 'inStatuses'>;
  timers: SlaTimers;
  handle: (job: SlaTimerJob) => Promise<void>;
  clock: Clock;
  logger: Logger;
}): RecoveryTask {
  /** Each ticket's passed deadlines in order: an accept timeout reassigns before the warning goes out. */
  const fireOverdue = (tickets: ClockRow[], now: Date, keepLease: () => Promise<void>) =>
    forEachLimited(
      tickets,
      { concurrency: slaRecoveryPolicy.concurrency, keepLease },
      async (ticket) => {
        for (const deadline of overdueSlaDeadlines(ticket, now))
          await deps.handle({ ticketId: ticket._id, kind: deadline.kind, sequence: deadline.sequence });
      },
      (error, ticket) =>
        deps.logger.warn(
          { err: error, ticketId: ticket._id },
          'overdue SLA deadline failed; the next sweep retries',
        ),
    );

  const task: RecoveryTask = {
    name: 'sla',
    async rebuild(keepLease) {
      const now = deps.clock.now();
      // Those long passed are fired below in order (BullMQ would run a ticket's all at once).
      const from = now.getTime() - slaRecoveryPolicy.graceMs;
      const overdue: ClockRow[] = [];
      let page: Array<{ job: SlaTimerJob; at: Date }> = [];
      const rows = deps.tickets.inStatuses(clockStatuses, clockFields, slaRecoveryPolicy.pageSize);
      for await (const ticket of rows) {
        const pending = pendingSlaDeadlines(ticket);
        if (pending.some((deadline) => deadline.at.getTime() <= from)) overdue.push(ticket);
        for (const deadline of pending) {
          if (deadline.at.getTime() <= from) continue;
          page.push({
            job: { ticketId: ticket._id, kind: deadline.kind, sequence: deadline.sequence },
            at: deadline.at,
          });
        }
        if (page.length >= slaRecoveryPolicy.pageSize) {
          await deps.timers.scheduleAll(page);
          page = [];
          await keepLease();
        }
      }
      await deps.timers.scheduleAll(page);
      await fireOverdue(overdue, now, keepLease);
    },
    // A sweep arms what is pending too: a deadline whose timer could not be set while Redis was away
  };
  // A sweep (at start, after a reconnect, every 15 minutes) arms what is pending too: a deadline
  // whose timer could not be set while Redis was away may still be ahead, and would otherwise wait
  // for the first sweep after it passed.
  task.sweep = task.rebuild;
  return task;
}
