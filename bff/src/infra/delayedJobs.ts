import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { Clock } from './clock';
import type { Logger } from './logger';

/**
 * Deadlines as BullMQ delayed jobs in Redis: they survive a BFF restart and each fires in exactly one
 * instance. The job id makes scheduling idempotent: every instance may schedule, BullMQ keeps one job.
 * Handlers must be conditional, so a job that runs again changes nothing.
 */
export function delayedJobs<Job extends object>(options: {
  queueName: string;
  jobId: (job: Job) => string;
  jobName: (job: Job) => string;
  connection: ConnectionOptions;
  prefix: string;
  clock: Clock;
  logger: Logger;
}) {
  let queue: Queue<Job> | null = null;
  let worker: Worker<Job> | null = null;

  // Created on first use, so an app that never schedules holds no extra Redis connection. Scheduling
  // fails at once while Redis is away (no offline queue) instead of holding a request until it is back;
  // the Redis recovery's sweep after the reconnect fires whatever deadline that lost.
  const theQueue = () =>
    (queue ??= new Queue<Job>(options.queueName, {
      // Callers pass connection options (a URL), never a client, so they can be extended.
      connection: {
        ...(options.connection as object),
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
      } as ConnectionOptions,
      prefix: options.prefix,
      defaultJobOptions: {
        removeOnComplete: 1000,
        removeOnFail: 5000,
        attempts: 5,
        backoff: { type: 'exponential', delay: 1000 },
      },
    }) as Queue<Job>);

  /** Several deadlines in one Redis round trip (a new ticket arms three). */
  const scheduleAll = async (entries: ReadonlyArray<{ job: Job; at: Date }>): Promise<void> => {
    if (!entries.length) return;
    const now = options.clock.now().getTime();
    // BullMQ's generic job-name typing cannot follow a generic payload; the name is a plain string.
    await (theQueue() as unknown as Queue).addBulk(
      entries.map(({ job, at }) => ({
        name: options.jobName(job),
        data: job,
        opts: { jobId: options.jobId(job), delay: Math.max(0, at.getTime() - now) },
      })),
    );
  };

  return {
    scheduleAll,
    schedule: (job: Job, at: Date): Promise<void> => scheduleAll([{ job, at }]),

    start(handler: (job: Job) => Promise<void>): void {
      if (worker) return;
      worker = new Worker<Job>(options.queueName, async (job) => handler(job.data), {
        connection: options.connection,
        prefix: options.prefix,
        concurrency: 8,
      });
      worker.on('failed', (job, error) =>
        options.logger.error({ err: error, job: job?.data, queue: options.queueName }, 'delayed job failed'),
      );
      worker.on('error', (error) =>
        options.logger.error({ err: error, queue: options.queueName }, 'delayed job worker error'),
      );
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

export type DelayedJobs<Job extends object> = ReturnType<typeof delayedJobs<Job>>;
