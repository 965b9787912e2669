import { metersBetween } from '@jiefang/contracts';

export interface LocationFix {
  lat: number;
  lng: number;
  accuracy?: number;
  /** When it was taken (ms since the epoch). */
  at: number;
}

export interface ThrottlePolicy {
  /** Never two sends closer together than this. */
  minIntervalMs: number;
  /** A move at least this far is worth sending (after minIntervalMs). */
  minMoveMeters: number;
  /** Even standing still, a position this old is sent again (dispatch forgets stale positions). */
  heartbeatMs: number;
  /** Fixes vaguer than this are not sent unless nothing was sent for heartbeatMs. */
  worstAccuracyMeters: number;
}

/** Dispatch counts a position as fresh for 5 minutes; a heartbeat each minute keeps it well inside that. */
export const locationPolicy: ThrottlePolicy = {
  minIntervalMs: 10_000,
  minMoveMeters: 25,
  heartbeatMs: 60_000,
  worstAccuracyMeters: 500,
};

/**
 * Decides which fixes go to POST /api/officer/location: the platforms report a fix every second or so,
 * and the BFF needs a fresh position, not a stream. `sent` records what actually reached the BFF, so a
 * failed send is retried with the next fix.
 */
export function createLocationThrottle(policy: ThrottlePolicy = locationPolicy) {
  let last: LocationFix | undefined;
  return {
    shouldSend(fix: LocationFix): boolean {
      if (!last) return true;
      const elapsed = fix.at - last.at;
      if (elapsed < policy.minIntervalMs) return false;
      if (elapsed >= policy.heartbeatMs) return true;
      if ((fix.accuracy ?? 0) > policy.worstAccuracyMeters) return false;
      return metersBetween(last, fix) >= policy.minMoveMeters;
    },
    sent(fix: LocationFix): void {
      last = fix;
    },
    /** Off duty: the next shift starts by sending at once. */
    reset(): void {
      last = undefined;
    },
  };
}
