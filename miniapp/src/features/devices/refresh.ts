/**
 * Automatic refresh of a page while it is visible. One run at a time: the next run is timed from the end
 * of the previous one, so a slow network never piles requests up. A manual refresh (pull-down, button)
 * restarts the clock; one asked for during a run makes that run go once more when it ends (its inputs,
 * such as a radius, may have changed). Coming back to a page whose data is older than the interval
 * refreshes at once; sooner, the remaining time is waited.
 */

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export const systemTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export interface AutoRefresh {
  /** The page became visible: refresh now if the data is stale (or was never loaded), else schedule. */
  start(): void;
  /** The page is hidden or gone: no more runs until `start`. A run already going finishes. */
  stop(): void;
  /** Runs now (or once more after the current run) and restarts the clock. */
  refresh(): Promise<void>;
  readonly running: boolean;
  readonly busy: boolean;
}

export function createAutoRefresh(options: {
  intervalMs: number;
  /** The work; a rejection is swallowed here (the page shows its own error) and the clock goes on. */
  run: () => Promise<unknown>;
  timers?: Timers;
}): AutoRefresh {
  const { intervalMs, run } = options;
  const timers = options.timers ?? systemTimers;
  let visible = false;
  let handle: unknown;
  let inFlight: Promise<void> | undefined;
  let again = false;
  let lastDoneAt: number | undefined;

  const clear = () => {
    if (handle !== undefined) timers.clearTimeout(handle);
    handle = undefined;
  };

  const schedule = (ms: number) => {
    clear();
    if (!visible) return;
    handle = timers.setTimeout(
      () => {
        handle = undefined;
        void execute();
      },
      Math.max(0, ms),
    );
  };

  const execute = (): Promise<void> => {
    clear();
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = (async () => {
      do {
        again = false;
        try {
          await run();
        } catch {
          // The page reports failures itself; the schedule keeps going.
        }
      } while (again);
    })().finally(() => {
      inFlight = undefined;
      lastDoneAt = timers.now();
      schedule(intervalMs);
    });
    return inFlight;
  };

  return {
    start() {
      if (visible) return;
      visible = true;
      if (inFlight) return; // its end schedules the next run
      const age = lastDoneAt === undefined ? Infinity : timers.now() - lastDoneAt;
      if (age >= intervalMs) void execute();
      else schedule(intervalMs - age);
    },
    stop() {
      visible = false;
      clear();
    },
    refresh: execute,
    get running() {
      return visible;
    },
    get busy() {
      return inFlight !== undefined;
    },
  };
}
