import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { Clock } from '../../infra/clock';
import type { Logger } from '../../infra/logger';

export type SlaTimerKind = 'accept' | 'warn' | 'breach';

export interface SlaTimerJob {
  ticketId: string;
  kind: SlaTimerKind;
  /** accept: the assignment it guards; warn/breach: the SLA round (a reopen starts a new one). */
  sequence: number;
}

/** The job id makes scheduling idempotent: every BFF instance may schedule, BullMQ keeps one job. */
export const slaJobId = (job: SlaTimerJob) => `${job.ticketId}-${job.kind}-${job.sequence}`;

/**
 * SLA deadlines as BullMQ delayed jobs in Redis: they survive a BFF restart and each fires in exactly
 * one instance. Handlers are conditional updates, so a job that runs again changes nothing.
 */
export function slaTimers(options: {
  connection: ConnectionOptions;
  prefix: string;
  clock: Clock;
  logger: Logger;
}) {
  const queueName = 'sla';
  let queue: Queue<SlaTimerJob> | null = null;
  let worker: Worker<SlaTimerJob> | null = null;

  // Created on first use, so an app that never schedules holds no extra Redis connection.
  const theQueue = () =>
    (queue ??= new Queue<SlaTimerJob>(queueName, {
      connection: options.connection,
      prefix: options.prefix,
      defaultJobOptions: {
        removeOnComplete: 1000,
        removeOnFail: 5000,
        attempts: 5,
        backoff: { type: 'exponential', delay: 1000 },
      },
    }));

  return {
    async schedule(job: SlaTimerJob, at: Date): Promise<void> {
      const delay = Math.max(0, at.getTime() - options.clock.now().getTime());
      await theQueue().add(job.kind, job, { jobId: slaJobId(job), delay });
    },

    start(handler: (job: SlaTimerJob) => Promise<void>): void {
      if (worker) return;
      worker = new Worker<SlaTimerJob>(queueName, async (job) => handler(job.data), {
        connection: options.connection,
        prefix: options.prefix,
        concurrency: 8,
      });
      worker.on('failed', (job, error) =>
        options.logger.error({ err: error, job: job?.data }, 'SLA timer handler failed'),
      );
      worker.on('error', (error) => options.logger.error({ err: error }, 'SLA timer worker error'));
    },

    /** Bounded: with Redis gone, BullMQ's graceful close would wait for a reconnect forever. */
    async close(): Promise<void> {
      const closing = Promise.all([worker?.close(), queue?.close()]);
      const inTime = await Promise.race([
        closing.then(() => true),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), 3000).unref()),
      ]);
      if (!inTime) await Promise.allSettled([worker?.disconnect(), queue?.disconnect()]);
      worker = null;
      queue = null;
    },
  };
}

export type SlaTimers = ReturnType<typeof slaTimers>;
