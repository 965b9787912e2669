import type { Clock } from './clock';
import type { Logger } from './logger';

export type MongoWatch = 'ok' | 'down' | 'wedged';

/**
 * Notices a MongoDB driver that stopped reconnecting. After FerretDB was killed under load, the
 * driver's server monitor sometimes never tried again: every operation failed with the old network
 * error for minutes while a fresh client connected at once (2 of 5 chaos runs). When the app's own
 * connection has failed for `wedgedAfterMs` and a fresh connection to the same server answers, the
 * process is beyond self-repair and `onWedged` ends it, so the supervisor starts a healthy one (start-up
 * takes about a second; nothing acknowledged is held only in memory).
 */
export function mongoWatchdog(deps: {
  /** A command over the app's own connection. */
  ping: () => Promise<void>;
  /** The same over a connection made for the purpose, closed afterwards. */
  probeFreshConnection: () => Promise<void>;
  onWedged: () => void;
  clock: Clock;
  logger: Logger;
  intervalMs?: number;
  wedgedAfterMs?: number;
}) {
  const intervalMs = deps.intervalMs ?? 5_000;
  const wedgedAfterMs = deps.wedgedAfterMs ?? 30_000;
  let failingSince: number | null = null;
  let timer: NodeJS.Timeout | null = null;
  let checking = false;

  const check = async (): Promise<MongoWatch> => {
    try {
      await deps.ping();
      failingSince = null;
      return 'ok';
    } catch {
      const now = deps.clock.now().getTime();
      failingSince ??= now;
      if (now - failingSince < wedgedAfterMs) return 'down';
    }
    try {
      await deps.probeFreshConnection();
    } catch {
      return 'down'; // MongoDB itself is away: the driver reconnects when it returns.
    }
    deps.logger.fatal(
      { failingForMs: deps.clock.now().getTime() - (failingSince ?? 0) },
      'MongoDB answers a fresh connection but not this process: the driver is wedged; exiting for a restart',
    );
    deps.onWedged();
    return 'wedged';
  };

  return {
    check,
    start() {
      timer ??= setInterval(() => {
        if (checking) return;
        checking = true;
        void check().finally(() => {
          checking = false;
        });
      }, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
