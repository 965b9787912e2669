import { backoffDelay } from './backoff';
import { createManualClock } from './clock';

describe('backoffDelay', () => {
  const policy = { initialMs: 1_000, maxMs: 8_000 };

  it('doubles per failed attempt up to the maximum', () => {
    const top = (attempt: number) => backoffDelay(policy, attempt, () => 1);
    expect([0, 1, 2, 3, 4, 10].map(top)).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
  });

  it('spreads retries between half and all of the ceiling', () => {
    expect(backoffDelay(policy, 2, () => 0)).toBe(2_000);
    expect(backoffDelay(policy, 2, () => 0.5)).toBe(3_000);
  });
});

describe('createManualClock', () => {
  it('fires timers in order only when advanced, and cancels them', () => {
    const clock = createManualClock(1_000);
    const fired: string[] = [];
    clock.setInterval(() => fired.push(`tick@${clock.now()}`), 100);
    const cancel = clock.setTimeout(() => fired.push('never'), 150);
    clock.setTimeout(() => fired.push(`once@${clock.now()}`), 250);
    cancel();
    clock.advance(99);
    expect(fired).toEqual([]);
    clock.advance(201);
    expect(fired).toEqual(['tick@1100', 'tick@1200', 'once@1250', 'tick@1300']);
    expect(clock.now()).toBe(1_300);
    expect(clock.pending()).toBe(1);
  });
});
