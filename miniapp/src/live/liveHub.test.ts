import type { LiveChange, MeChanges } from '@jiefang/contracts';
import { createLiveHub, type LiveStreamHandlers, type LiveTimers } from './liveHub';

/** Timers run by hand: `advance` fires whatever falls due, in order. */
function manualTimers() {
  let now = 0;
  let next = 0;
  const pending = new Map<number, { at: number; callback: () => void }>();
  const timers: LiveTimers = {
    setTimeout(callback, ms) {
      next += 1;
      pending.set(next, { at: now + ms, callback });
      return next;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
  };
  return {
    timers,
    pendingCount: () => pending.size,
    async advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = [...pending.entries()]
          .filter(([, timer]) => timer.at <= until)
          .sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].callback();
        await flush();
      }
      now = until;
      await flush();
    },
  };
}

const flush = async () => {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
};

/** A change log answering the poll as the BFF does. */
function changeLog() {
  const entries: Array<LiveChange & { seq: number }> = [];
  const calls: Array<number | undefined> = [];
  return {
    calls,
    add(change: LiveChange) {
      entries.push({ ...change, seq: entries.length + 1 });
    },
    fetchChanges: async (since: number | undefined): Promise<MeChanges> => {
      calls.push(since);
      return {
        cursor: entries.length,
        changes:
          since === undefined
            ? []
            : entries.filter((entry) => entry.seq > since).map(({ topic, id }) => ({ topic, id })),
        reset: false,
      };
    },
  };
}

describe('the live hub without a stream (the mini-program)', () => {
  it('polls while a page listens, calls the pages whose topics changed, and stops when the last leaves', async () => {
    const clock = manualTimers();
    const log = changeLog();
    const hub = createLiveHub({ fetchChanges: log.fetchChanges, pollMs: 1500, timers: clock.timers });
    const tickets = jest.fn();
    const alarms = jest.fn();
    const leaveTickets = hub.subscribe(['ticket'], tickets);
    const leaveAlarms = hub.subscribe(['alarm'], alarms);
    await flush();
    expect(hub.mode).toBe('poll');
    expect(log.calls).toEqual([undefined]);

    log.add({ topic: 'ticket', id: 't1' });
    await clock.advance(1500);
    expect(log.calls).toEqual([undefined, 0]);
    expect(tickets).toHaveBeenCalledTimes(1);
    expect(alarms).not.toHaveBeenCalled();

    await clock.advance(1500);
    expect(log.calls.at(-1)).toBe(1);
    expect(tickets).toHaveBeenCalledTimes(1);

    leaveTickets();
    leaveAlarms();
    expect(hub.mode).toBe('idle');
    expect(clock.pendingCount()).toBe(0);

    // The next page picks up from the cursor it had.
    hub.subscribe(['ticket'], tickets);
    await flush();
    expect(log.calls.at(-1)).toBe(1);
  });

  it('backs off while the poll fails', async () => {
    const clock = manualTimers();
    let calls = 0;
    const hub = createLiveHub({
      fetchChanges: async () => {
        calls += 1;
        throw new Error('offline');
      },
      pollMs: 1500,
      timers: clock.timers,
      backoff: (attempt) => 1000 * 2 ** attempt,
    });
    hub.subscribe(['ticket'], () => undefined);
    await flush();
    expect(calls).toBe(1);
    await clock.advance(1500);
    expect(calls).toBe(2);
    await clock.advance(1999);
    expect(calls).toBe(2);
    await clock.advance(1);
    expect(calls).toBe(3);
  });
});

describe('the live hub with a stream (H5)', () => {
  function streamHarness() {
    const opened: LiveStreamHandlers[] = [];
    const closed: number[] = [];
    return {
      opened,
      closed,
      openStream: (handlers: LiveStreamHandlers) => {
        opened.push(handlers);
        const index = opened.length - 1;
        return { close: () => closed.push(index) };
      },
    };
  }

  it('follows the stream, polls while it is down, reconnects with back-off and catches up', async () => {
    const clock = manualTimers();
    const log = changeLog();
    const stream = streamHarness();
    const hub = createLiveHub({
      openStream: stream.openStream,
      fetchChanges: log.fetchChanges,
      pollMs: 1500,
      timers: clock.timers,
      backoff: (attempt) => 1000 * 2 ** attempt,
    });
    const escort = jest.fn();
    hub.subscribe(['escort'], escort);
    await flush();
    stream.opened[0]?.onOpen();
    expect(hub.mode).toBe('stream');
    const polls = log.calls.length;

    stream.opened[0]?.onChange({ topic: 'ticket', id: 't1' });
    expect(escort).not.toHaveBeenCalled();
    stream.opened[0]?.onChange({ topic: 'escort', id: 'e1' });
    expect(escort).toHaveBeenCalledTimes(1);
    await clock.advance(10_000);
    expect(log.calls.length).toBe(polls);

    // Down: polling takes over at once, and the stream is tried again after the back-off.
    stream.opened[0]?.onClosed(false);
    expect(hub.mode).toBe('poll');
    await flush();
    log.add({ topic: 'escort', id: 'e2' });
    await clock.advance(999);
    expect(stream.opened).toHaveLength(1);
    await clock.advance(1);
    expect(stream.opened).toHaveLength(2);
    // Still polling until the new stream answers.
    await clock.advance(500);
    expect(escort).toHaveBeenCalledTimes(2);
    stream.opened[1]?.onOpen();
    expect(hub.mode).toBe('stream');
    // Back: the pages load once more in case something fell between the poll and the stream.
    expect(escort).toHaveBeenCalledTimes(3);
  });

  it('does not reconnect a stream whose token was refused, and closes it when the last page leaves', async () => {
    const clock = manualTimers();
    const log = changeLog();
    const stream = streamHarness();
    const hub = createLiveHub({
      openStream: stream.openStream,
      fetchChanges: log.fetchChanges,
      pollMs: 1500,
      timers: clock.timers,
      lingerMs: 3000,
    });
    const leave = hub.subscribe(['ticket'], () => undefined);
    stream.opened[0]?.onClosed(true);
    await clock.advance(60_000);
    expect(stream.opened).toHaveLength(1);
    expect(hub.mode).toBe('poll');
    leave();
    await clock.advance(2999);
    expect(hub.mode).toBe('poll');
    await clock.advance(1);
    expect(hub.mode).toBe('idle');

    const again = hub.subscribe(['ticket'], () => undefined);
    expect(stream.opened).toHaveLength(2);
    again();
    // A page that comes straight back keeps the same connection.
    await clock.advance(1000);
    hub.subscribe(['alarm'], () => undefined);
    expect(stream.opened).toHaveLength(2);
    expect(stream.closed).toEqual([]);
  });
});
