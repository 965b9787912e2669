import type { ChangeCounter } from './changeCounter';
import type { Clock } from './clock';
import type { Logger } from './logger';

export interface FollowedChanges {
  /**
   * Loads again if the counter moved (or `reloadEveryMs` passed) and it was last checked more than
   * `checkEveryMs` ago. Never fails: a failed check is logged and the last loaded data kept.
   */
  fresh(): Promise<void>;
  /** Loads again now (after this instance's own change). */
  reload(): Promise<void>;
}

/**
 * Keeps one instance's in-memory copy of shared data (categories, district grids) following changes made
 * on any instance: the counter is read on use at most every `checkEveryMs` (by the injected clock, so
 * tests can show the delay), the data read again when it moved, and at least every `reloadEveryMs` for
 * changes made around the BFF (a script, a restore). The counter is read before the data and bumped
 * after a change is stored, so a check can read a change twice but never miss one.
 */
export function followChanges(deps: {
  counter: ChangeCounter;
  clock: Clock;
  logger: Logger;
  checkEveryMs: number;
  reloadEveryMs: number;
  /** Named in the warning when a check fails. */
  what: string;
  load(): Promise<void>;
}): FollowedChanges {
  let knownVersion: string | null = null;
  let loadedAt = Number.NEGATIVE_INFINITY;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let running: Promise<void> | null = null;

  const now = () => deps.clock.now().getTime();

  const check = async (force: boolean) => {
    const version = await deps.counter.version();
    if (!force && version === knownVersion && now() - loadedAt < deps.reloadEveryMs) return;
    await deps.load();
    knownVersion = version;
    loadedAt = now();
  };

  const run = (force: boolean): Promise<void> => {
    checkedAt = now();
    const started = check(force)
      .catch((error: unknown) => {
        // Tried again after the interval, not on every request while Redis or MongoDB is away.
        deps.logger.warn({ err: error }, `${deps.what} not refreshed; serving the last known ones`);
      })
      .finally(() => {
        if (running === started) running = null;
      });
    running = started;
    return started;
  };

  const fresh = (): Promise<void> => {
    if (running) return running;
    if (now() - checkedAt < deps.checkEveryMs) return Promise.resolve();
    return run(false);
  };

  return {
    fresh,
    async reload() {
      await running;
      await run(true);
    },
  };
}
