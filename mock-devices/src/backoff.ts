export interface BackoffPolicy {
  /** Delay before the first retry, in ms. */
  initialMs: number;
  /** Upper bound for any delay, in ms. */
  maxMs: number;
}

export const defaultBackoff: BackoffPolicy = { initialMs: 1_000, maxMs: 60_000 };

/**
 * Exponential backoff with jitter: the delay after `attempt` failed attempts (0 = first retry) doubles each time
 * up to `maxMs`, and is then scaled into [50 %, 100 %] so a fleet that lost the broker together does not
 * come back in the same millisecond.
 */
export function backoffDelay(
  policy: BackoffPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(0, attempt), 30);
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** exponent);
  return Math.round(ceiling * (0.5 + 0.5 * random()));
}
