/**
 * Time as the simulator sees it: payload timestamps, heartbeats and connect staggering all go through a
 * Clock so tests can drive them. Network timeouts inside mqtt.js keep using real time.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Runs `fn` once after `ms`; returns a function that cancels it. */
  setTimeout(fn: () => void, ms: number): () => void;
  /** Runs `fn` every `ms`; returns a function that cancels it. */
  setInterval(fn: () => void, ms: number): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, ms);
    return () => clearTimeout(handle);
  },
  setInterval(fn, ms) {
    const handle = setInterval(fn, ms);
    return () => clearInterval(handle);
  },
};

/** Resolves after `ms` on the given clock. */
export function delay(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => {
    clock.setTimeout(resolve, ms);
  });
}

interface ManualTimer {
  id: number;
  due: number;
  every?: number;
  fn: () => void;
}

export interface ManualClock extends Clock {
  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void;
  /** Number of timers still scheduled. */
  pending(): number;
}

/** A clock that only moves when told to: deterministic timestamps and timers for tests. */
export function createManualClock(startMs = Date.UTC(2025, 0, 1)): ManualClock {
  let now = startMs;
  let nextId = 1;
  const timers = new Map<number, ManualTimer>();

  const schedule = (fn: () => void, ms: number, every?: number): (() => void) => {
    const id = nextId++;
    timers.set(id, { id, due: now + Math.max(0, ms), every, fn });
    return () => {
      timers.delete(id);
    };
  };

  return {
    now: () => now,
    setTimeout: (fn, ms) => schedule(fn, ms),
    setInterval: (fn, ms) => schedule(fn, ms, Math.max(1, ms)),
    pending: () => timers.size,
    advance(ms) {
      const target = now + ms;
      for (;;) {
        let next: ManualTimer | undefined;
        for (const timer of timers.values()) {
          if (
            timer.due <= target &&
            (!next || timer.due < next.due || (timer.due === next.due && timer.id < next.id))
          )
            next = timer;
        }
        if (!next) break;
        now = next.due;
        if (next.every === undefined) timers.delete(next.id);
        else next.due += next.every;
        next.fn();
      }
      now = target;
    },
  };
}
