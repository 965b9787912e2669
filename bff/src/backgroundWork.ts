import type { Logger } from './infra/logger';
import type { NotificationOutbox } from './modules/notifications/notificationOutbox';

const deliveryIntervalMs = 1000;
const sweepIntervalMs = 15_000;

/**
 * The loops that keep promises made to people: deliver due notifications every second (and at once
 * after a change), and sweep for work a crash may have left behind.
 */
export function backgroundWork(deps: { outbox: NotificationOutbox; logger: Logger }) {
  let deliveryTimer: NodeJS.Timeout | null = null;
  let sweepTimer: NodeJS.Timeout | null = null;
  let delivering: Promise<void> | null = null;
  let running = false;

  const deliver = () => {
    if (!running) return Promise.resolve();
    delivering ??= deps.outbox
      .deliverDue()
      .then(() => undefined)
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'notification delivery round failed'))
      .finally(() => {
        delivering = null;
      });
    return delivering;
  };

  return {
    async start(extraSweep: () => Promise<void>): Promise<void> {
      running = true;
      const sweep = async () => {
        try {
          await deps.outbox.relayAll();
          await extraSweep();
        } catch (error) {
          deps.logger.warn({ err: error }, 'background sweep failed');
        }
      };
      await sweep();
      deliveryTimer = setInterval(() => void deliver(), deliveryIntervalMs);
      sweepTimer = setInterval(() => void sweep(), sweepIntervalMs);
      deliveryTimer.unref();
      sweepTimer.unref();
    },
    kickDelivery(): void {
      void deliver();
    },
    async stop(): Promise<void> {
      running = false;
      if (deliveryTimer) clearInterval(deliveryTimer);
      if (sweepTimer) clearInterval(sweepTimer);
      await delivering;
    },
  };
}
