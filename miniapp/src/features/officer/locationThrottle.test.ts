import { createLocationThrottle, type LocationFix } from './locationThrottle';

const policy = { minIntervalMs: 10_000, minMoveMeters: 25, heartbeatMs: 60_000, worstAccuracyMeters: 500 };
const base = { lat: 23.1, lng: 113.3, accuracy: 10 };
/** A fix `metres` north of the base, `seconds` in. */
const fix = (seconds: number, metres = 0, accuracy = 10): LocationFix => ({
  lat: base.lat + metres / 111_320,
  lng: base.lng,
  accuracy,
  at: seconds * 1000,
});

describe('createLocationThrottle', () => {
  it('sends the first fix, then a move of 25 m after 10 s, and a heartbeat each minute standing still', () => {
    const throttle = createLocationThrottle(policy);
    const sent: number[] = [];
    const offer = (f: LocationFix) => {
      if (throttle.shouldSend(f)) {
        throttle.sent(f);
        sent.push(f.at / 1000);
      }
    };
    offer(fix(0));
    offer(fix(5, 100)); // too soon, however far
    offer(fix(12, 10)); // not far enough
    offer(fix(20, 40)); // far enough
    for (let s = 21; s <= 90; s += 1) offer(fix(s, 40));
    expect(sent).toEqual([0, 20, 80]);
  });

  it('holds back vague fixes until the heartbeat, and retries a failed send with the next fix', () => {
    const throttle = createLocationThrottle(policy);
    throttle.sent(fix(0));
    expect(throttle.shouldSend(fix(30, 200, 800))).toBe(false);
    expect(throttle.shouldSend(fix(61, 200, 800))).toBe(true);
    // Not recorded as sent (the request failed): the next good fix goes.
    expect(throttle.shouldSend(fix(62, 200))).toBe(true);
    throttle.reset();
    expect(throttle.shouldSend(fix(63))).toBe(true);
  });
});
