import { createAutoRefresh, type Timers } from './refresh';

/** Timers under the test's control: `advance(ms)` fires what falls due. */
function fakeTimers() {
  let now = 0;
  let next = 1;
  const pending = new Map<number, { at: number; callback: () => void }>();
  const timers: Timers = {
    setTimeout: (callback, ms) => {
      const id = next++;
      pending.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
    now: () => now,
  };
  const advance = async (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = [...pending.entries()]
        .filter(([, t]) => t.at <= until)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      pending.delete(due[0]);
      now = due[1].at;
      due[1].callback();
      await flush();
    }
    now = until;
  };
  return { timers, advance, pending: () => pending.size };
}

const flush = async () => {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
};

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('createAutoRefresh', () => {
  it('runs when shown, then every interval counted from the end of each run, while visible', async () => {
    const clock = fakeTimers();
    let runs = 0;
    const poller = createAutoRefresh({
      intervalMs: 30_000,
      run: async () => void runs++,
      timers: clock.timers,
    });
    poller.start();
    await flush();
    expect(runs).toBe(1);
    await clock.advance(29_999);
    expect(runs).toBe(1);
    await clock.advance(1);
    expect(runs).toBe(2);
    await clock.advance(60_000);
    expect(runs).toBe(4);

    poller.stop();
    await clock.advance(120_000);
    expect(runs).toBe(4);
    expect(clock.pending()).toBe(0);
  });

  it('refreshes at once on coming back after the interval, else waits out the remaining time', async () => {
    const clock = fakeTimers();
    let runs = 0;
    const poller = createAutoRefresh({
      intervalMs: 30_000,
      run: async () => void runs++,
      timers: clock.timers,
    });
    poller.start();
    await flush();
    poller.stop();
    await clock.advance(10_000);
    poller.start();
    await flush();
    expect(runs).toBe(1);
    await clock.advance(20_000);
    expect(runs).toBe(2);
    poller.stop();
    await clock.advance(45_000);
    poller.start();
    await flush();
    expect(runs).toBe(3);
  });

  it('never overlaps runs: a refresh during a run makes it run once more, and restarts the clock', async () => {
    const clock = fakeTimers();
    const gates: Array<ReturnType<typeof deferred>> = [];
    const poller = createAutoRefresh({
      intervalMs: 30_000,
      run: () => {
        const gate = deferred();
        gates.push(gate);
        return gate.promise;
      },
      timers: clock.timers,
    });
    poller.start();
    expect(gates).toHaveLength(1);
    expect(poller.busy).toBe(true);
    const first = poller.refresh();
    const second = poller.refresh();
    await clock.advance(60_000); // nothing is scheduled while a run is going
    expect(gates).toHaveLength(1);
    gates[0]!.resolve();
    await flush();
    expect(gates).toHaveLength(2); // the one more run
    gates[1]!.resolve();
    await Promise.all([first, second]);
    expect(gates).toHaveLength(2);
    expect(poller.busy).toBe(false);
    await clock.advance(30_000);
    expect(gates).toHaveLength(3);
  });

  it('keeps going after a failed run and swallows its rejection', async () => {
    const clock = fakeTimers();
    let runs = 0;
    const poller = createAutoRefresh({
      intervalMs: 1000,
      run: async () => {
        runs += 1;
        throw new Error('offline');
      },
      timers: clock.timers,
    });
    await expect(poller.refresh()).resolves.toBeUndefined();
    expect(clock.pending()).toBe(0); // not visible yet: no timer
    poller.start(); // the manual run was just now: wait the interval
    await flush();
    expect(runs).toBe(1);
    await clock.advance(1000);
    expect(runs).toBe(2);
    await clock.advance(1000);
    expect(runs).toBe(3);
  });

  it('does not schedule after a run that ends once the page is hidden', async () => {
    const clock = fakeTimers();
    const gate = deferred();
    let runs = 0;
    const poller = createAutoRefresh({
      intervalMs: 1000,
      run: () => {
        runs += 1;
        return gate.promise;
      },
      timers: clock.timers,
    });
    poller.start();
    poller.stop();
    gate.resolve();
    await flush();
    expect(poller.running).toBe(false);
    expect(clock.pending()).toBe(0);
    expect(runs).toBe(1);
  });
});
