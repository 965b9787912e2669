import {
  emptyNoiseWatch,
  equivalentLevel,
  observeNoise,
  type NoiseWatchEvent,
  type NoiseWatchState,
} from './noiseWatch';

const start = Date.parse('2026-11-23T20:00:00+08:00');

/** Plays per-second levels through the watch and collects its events. */
function play(levels: number[], limitDb = 55, initial: NoiseWatchState = emptyNoiseWatch, offsetSeconds = 0) {
  let state = initial;
  const events: NoiseWatchEvent[] = [];
  levels.forEach((leq, index) => {
    const result = observeNoise(
      state,
      { ts: start + (offsetSeconds + index + 1) * 1000, leq, intervalMs: 1000 },
      () => limitDb,
    );
    state = result.state;
    events.push(...result.events);
  });
  return { state, events };
}

const seconds = (count: number, level: number) => Array.from({ length: count }, () => level);

describe('equivalentLevel', () => {
  it('averages energy, not decibels', () => {
    const level = equivalentLevel([
      { ts: 1, leq: 80, intervalMs: 1000 },
      { ts: 2, leq: 40, intervalMs: 1000 },
    ]);
    expect(level).toBeCloseTo(77.0, 1); // not 60
  });
});

describe('observeNoise', () => {
  it('opens an alarm once the 1-minute level is over the limit, not on a short burst', () => {
    expect(play([...seconds(50, 50), ...seconds(5, 75), ...seconds(10, 50)], 65).events).toEqual([]);
    const { events } = play([...seconds(60, 50), ...seconds(60, 70)]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'alarm_opened', limitDb: 55 });
  });

  it('does not flap around the limit, and clears after two quiet minutes', () => {
    const loud = play(seconds(90, 70));
    const wobble = play([...seconds(30, 54), ...seconds(30, 56), ...seconds(30, 54)], 55, loud.state, 90);
    expect(wobble.events).toEqual([]);
    const quiet = play(seconds(240, 45), 55, wobble.state, 180);
    expect(quiet.events.map((event) => event.type)).toEqual(['alarm_cleared']);
    expect(quiet.state.alarm).toBeNull();
  });

  it('escalates once when the level is still over the limit five minutes after opening', () => {
    const { events } = play(seconds(60 * 8, 68));
    expect(events.map((event) => event.type)).toEqual(['alarm_opened', 'escalate']);
    const opened = events[0]!.at;
    expect(events[1]!.at - opened).toBe(5 * 60_000);
  });

  it('does not escalate an episode that quietened down before five minutes', () => {
    const { events } = play([...seconds(120, 70), ...seconds(300, 40)]);
    expect(events.map((event) => event.type)).toEqual(['alarm_opened', 'alarm_cleared']);
  });

  it('gives the same answer for readings that arrive out of order', () => {
    const levels = [...seconds(60, 50), ...seconds(90, 72)];
    const inOrder = play(levels).events;
    let state = emptyNoiseWatch;
    const shuffled: NoiseWatchEvent[] = [];
    const readings = levels.map((leq, index) => ({ ts: start + (index + 1) * 1000, leq, intervalMs: 1000 }));
    for (let index = 0; index < readings.length; index += 2) {
      for (const reading of [readings[index + 1], readings[index]].filter(Boolean)) {
        const result = observeNoise(state, reading!, () => 55);
        state = result.state;
        shuffled.push(...result.events);
      }
    }
    expect(shuffled.map((event) => event.type)).toEqual(inOrder.map((event) => event.type));
  });
});
