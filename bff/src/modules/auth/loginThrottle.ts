import { setTimeout as sleep } from 'node:timers/promises';
import type { AttemptCounter, RateLimit } from '../../http/rateLimit';

/**
 * Attempts on one account from all addresses together only slow down: refusing them would let anyone
 * lock a real user out from elsewhere.
 */
export const accountSlowdown = { freeAttempts: 20, delayStepMs: 250, maxDelayMs: 5_000 } as const;

export interface LoginThrottleDeps {
  /** Refuses (429) an address that keeps failing on one account. */
  perAddressAndAccount: RateLimit;
  /** Refuses (429) an address that keeps failing across accounts (password spraying). */
  perAddress: RateLimit;
  /** Counts attempts on an account from every address, to slow them down. */
  perAccount: AttemptCounter;
}

/** Brute-force limits of the password sign-in. */
export function loginThrottle(deps: LoginThrottleDeps) {
  const pairKey = (address: string, username: string) => `${address}:${username.toLowerCase()}`;

  return {
    /** Charges one attempt: throws 429 when the address is over a limit, waits when the account is under attack. */
    async beforeAttempt(address: string, username: string): Promise<void> {
      await deps.perAddressAndAccount.consume(pairKey(address, username));
      await deps.perAddress.consume(address);
      const attempts = await deps.perAccount.count(username.toLowerCase());
      const excess = attempts - accountSlowdown.freeAttempts;
      if (excess > 0) await sleep(Math.min(accountSlowdown.maxDelayMs, excess * accountSlowdown.delayStepMs));
    },

    /** A success does not count against its address. */
    async succeeded(address: string, username: string): Promise<void> {
      await Promise.all([
        deps.perAddressAndAccount.reset(pairKey(address, username)),
        deps.perAddress.refund(address),
      ]);
    },
  };
}

export type LoginThrottle = ReturnType<typeof loginThrottle>;
