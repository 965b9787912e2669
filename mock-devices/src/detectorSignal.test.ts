import { deviceEventSchema } from '@jiefang/contracts';
import { dailyCount, shanghaiHour, shanghaiTime } from './dailyProfile';
import { chargingProfile, smokeProfile, type DetectorProfile } from './detectorProfiles';
import { DetectorSignal, nextEventAfter, type Detection } from './detectorSignal';
import { seededRandom } from './random';
import { DAY_MS, SECOND_MS } from './time';

const start = shanghaiTime(20_000, 0);

/** Every detection of `days` simulated days, jumping from one to the next. */
function simulate(profile: DetectorProfile, days: number, seed: number, timeScale = 1): Detection[] {
  const signal = new DetectorSignal({ profile, random: seededRandom(seed), now: start, timeScale });
  const detections: Detection[] = [];
  while (signal.nextAt() < start + days * DAY_MS) detections.push(...signal.take(signal.nextAt()));
  return detections;
}

describe('charging detector', () => {
  const days = 365;
  const detections = simulate(chargingProfile, days, 1);
  const firsts = detections.filter((d) => d.repeat === 0);

  it('detects a charger about three times a day, mostly in the evening and rarely at night', () => {
    expect(dailyCount(chargingProfile.rates)).toBeCloseTo(2.99, 2);
    expect(firsts.length / days).toBeGreaterThan(2.7);
    expect(firsts.length / days).toBeLessThan(3.3);
    const share = (from: number, to: number) =>
      firsts.filter((d) => shanghaiHour(d.at) >= from && shanghaiHour(d.at) < to).length / firsts.length;
    expect(share(18, 23)).toBeGreaterThan(0.4);
    expect(share(0, 6)).toBeLessThan(0.12);
  });

  it('reports with confidence 0.6–0.99 and sometimes repeats a minute apart while charging goes on', () => {
    detections.forEach((d) => {
      expect(d.confidence).toBeGreaterThanOrEqual(0.6);
      expect(d.confidence).toBeLessThanOrEqual(0.99);
      expect(() =>
        deviceEventSchema.parse({ ts: 1, seq: 1, type: d.type, confidence: d.confidence }),
      ).not.toThrow();
    });
    const repeated = detections.filter((d) => d.repeat === 1).length / firsts.length;
    expect(repeated).toBeGreaterThan(0.4);
    expect(repeated).toBeLessThan(0.6);
    detections.forEach((d, i) => {
      if (d.repeat > 0) expect(d.at - detections[i - 1]!.at).toBe(60 * SECOND_MS);
    });
  });

  it('comes timeScale times as often, with repeats timeScale times as close', () => {
    const fast = simulate(chargingProfile, 7, 2, 60);
    const perDay = fast.filter((d) => d.repeat === 0).length / 7;
    expect(perDay / 60).toBeGreaterThan(2.7);
    expect(perDay / 60).toBeLessThan(3.3);
    fast.forEach((d, i) => {
      if (d.repeat > 0) expect(d.at - fast[i - 1]!.at).toBe(SECOND_MS);
    });
  });
});

describe('smoke detector', () => {
  it('alarms about once a month with high confidence', () => {
    const detections = simulate(smokeProfile, 20 * 365, 3);
    const firsts = detections.filter((d) => d.repeat === 0);
    expect(firsts.length / (20 * 365)).toBeGreaterThan(0.028);
    expect(firsts.length / (20 * 365)).toBeLessThan(0.039);
    detections.forEach((d) => expect(d.confidence).toBeGreaterThanOrEqual(0.85));
    expect(detections.every((d) => d.type === 'smoke_detected')).toBe(true);
  });
});

describe('scripted detections', () => {
  it('reports exactly what it was told and nothing by itself', () => {
    const signal = new DetectorSignal({
      profile: chargingProfile,
      random: seededRandom(4),
      now: start,
      spontaneous: false,
    });
    expect(signal.nextAt()).toBe(Infinity);
    signal.trigger(start + 5, 0.9);
    expect(signal.take(start + 4)).toEqual([]);
    expect(signal.take(start + 5)).toEqual([
      { at: start + 5, type: 'charging_detected', confidence: 0.9, repeat: 0 },
    ]);
    expect(signal.nextAt()).toBe(Infinity);
  });

  it('never schedules an event for a rate of zero', () => {
    expect(nextEventAfter(start, [[0, 0]], 1, seededRandom(1))).toBe(Infinity);
  });
});
