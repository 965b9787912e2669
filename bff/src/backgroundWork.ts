import type { Logger } from './infra/logger';
import { outboxPolicy, type NotificationOutbox } from './modules/notifications/notificationOutbox';

const deliveryIntervalMs = 1000;
const sweepIntervalMs = 15_000;

/**
 * The loops that keep promises made to people: deliver due notifications every second (and at once
 * after a change, round after round while there is more), and sweep for work a crash may have left
 * behind. Rebuilding the outbox after Redis lost its data is the Redis recovery's job (app.ts).
 */
export function backgroundWork(deps: { outbox: NotificationOutbox; logger: Logger }) {
  let deliveryTimer: NodeJS.Timeout | null = null;
  let sweepTimer: NodeJS.Timeout | null = null;
  let delivering: Promise<void> | null = null;
  let sweeping: Promise<void> | null = null;
  let kicked = false;
  let running = false;

  const deliver = () => {
    if (!running) return Promise.resolve();
    kicked = true;
    delivering ??= (async () => {
      try {
        // Another round while the last one was full or something new arrived during it.
        while (running && kicked) {
          kicked = false;
          const claimed = await deps.outbox.deliverDue(outboxPolicy.batchSize);
          if (claimed >= outboxPolicy.batchSize) kicked = true;
        }
      } catch (error) {
        deps.logger.warn({ err: error }, 'notification delivery round failed');
      } finally {
        delivering = null;
        kicked = false;
      }
    })();
    return delivering;
  };

  return {
    /** Starts the loops; the first sweep runs in the background, so start-up does not wait for it. */
    start(extraSweep: () => Promise<void>): void {
      running = true;
      const sweep = () => {
        sweeping ??= (async () => {
          try {
            await deps.outbox.relayAll();
            await extraSweep();
          } catch (error) {
            deps.logger.warn({ err: error }, 'background sweep failed');
          } finally {
            sweeping = null;
          }
        })();
        return sweeping;
      };
      void sweep();
      deliveryTimer = setInterval(() => void deliver(), deliveryIntervalMs);
      sweepTimer = setInterval(() => void sweep(), sweepIntervalMs);
      deliveryTimer.unref();
      sweepTimer.unref();
      void deliver();
    },
    kickDelivery(): void {
      void deliver();
    },
    async stop(): Promise<void> {
      running = false;
      if (deliveryTimer) clearInterval(deliveryTimer);
      if (sweepTimer) clearInterval(sweepTimer);
      await Promise.all([delivering, sweeping]);
    },
  };
}
