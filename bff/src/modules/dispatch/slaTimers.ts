import type { ConnectionOptions } from 'bullmq';
import { delayedJobs } from '../../infra/delayedJobs';
import type { Clock } from '../../infra/clock';
import type { Logger } from '../../infra/logger';

import type { SlaDeadline } from '../../domain/slaDeadlines';

export type SlaTimerKind = SlaDeadline['kind'];

export interface SlaTimerJob {
  ticketId: string;
  kind: SlaTimerKind;
  /** accept, unread_*: the assignment it guards; warn/breach: the SLA round (a reopen starts a new one). */
  sequence: number;
}

/** The job id makes scheduling idempotent: every BFF instance may schedule, BullMQ keeps one job. */
export const slaJobId = (job: SlaTimerJob) => `${job.ticketId}-${job.kind}-${job.sequence}`;

/** SLA deadlines of tickets, one BullMQ queue `sla`. */
export function slaTimers(options: {
  connection: ConnectionOptions;
  prefix: string;
  clock: Clock;
  logger: Logger;
}) {
  return delayedJobs<SlaTimerJob>({
    ...options,
    queueName: 'sla',
    jobId: slaJobId,
    jobName: (job) => job.kind,
  });
}

export type SlaTimers = ReturnType<typeof slaTimers>;
