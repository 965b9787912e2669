import {
  isLaterDetection,
  maxUplinkAgeMs,
  maxUplinkLeadMs,
  uplinkIdentity,
  uplinkTimeVerdict,
} from './uplinkIdentity';

const now = Date.UTC(2026, 10, 23, 0, 0, 0);

describe('uplinkIdentity', () => {
  it('gives a redelivered message, which carries the identical payload, the same identity', () => {
    const message = { ts: now, seq: 7, type: 'smoke_detected', confidence: 0.9 };
    expect(uplinkIdentity({ ...message })).toBe(uplinkIdentity(message));
  });

  it('tells a rebooted device counting from 1 again apart from its first seq 1', () => {
    const beforeReboot = { ts: now - 3_600_000, seq: 1 };
    const afterReboot = { ts: now, seq: 1 };
    expect(uplinkIdentity(afterReboot)).not.toBe(uplinkIdentity(beforeReboot));
  });

  it('tells two messages of the same millisecond apart by seq', () => {
    expect(uplinkIdentity({ ts: now, seq: 1 })).not.toBe(uplinkIdentity({ ts: now, seq: 2 }));
  });
});

describe('uplinkTimeVerdict', () => {
  it('accepts up to ten minutes ahead of the server and up to the retention window behind', () => {
    expect(uplinkTimeVerdict(now, now)).toBe('ok');
    expect(uplinkTimeVerdict(now + maxUplinkLeadMs, now)).toBe('ok');
    expect(uplinkTimeVerdict(now + maxUplinkLeadMs + 1, now)).toBe('ahead');
    expect(uplinkTimeVerdict(now - maxUplinkAgeMs, now)).toBe('ok');
    expect(uplinkTimeVerdict(now - maxUplinkAgeMs - 1, now)).toBe('stale');
  });

  it('refuses the far-future stamp that once broke every alarm list', () => {
    expect(uplinkTimeVerdict(9e15, now)).toBe('ahead');
  });
});

describe('isLaterDetection', () => {
  it('orders by device time, then by seq within one millisecond', () => {
    expect(isLaterDetection({ at: now + 1, seq: 1 }, { at: now, seq: 500 })).toBe(true);
    expect(isLaterDetection({ at: now, seq: 501 }, { at: now, seq: 500 })).toBe(true);
    expect(isLaterDetection({ at: now, seq: 500 }, { at: now, seq: 500 })).toBe(false);
    expect(isLaterDetection({ at: now - 1, seq: 900 }, { at: now, seq: 500 })).toBe(false);
  });

  it('lets a rebooted device (seq from 1 again, clock going on) repeat an open alarm', () => {
    expect(isLaterDetection({ at: now + 60_000, seq: 1 }, { at: now, seq: 2_000 })).toBe(true);
  });

  it('never holds a detection back behind a last one without a readable time', () => {
    expect(isLaterDetection({ at: now, seq: 1 }, { at: Number.NaN, seq: 9 })).toBe(true);
  });
});
