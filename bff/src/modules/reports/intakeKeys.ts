import type { Redis } from 'ioredis';

/**
 * A pending key older than this belongs to an attempt that died; a retry may take it over. An intake
 * takes well under a second, and a retry that takes over finds a ticket already stored under the
 * key's id, so a short wait is safe: after a crash the resident's retry waits at most this long.
 */
const abandonedAfterMs = 15_000;
/** How long a finished key answers retries from Redis (MongoDB remembers it beyond that). */
const rememberedForSeconds = 7 * 24 * 3600;

export type KeyClaim =
  | { state: 'claimed' }
  | { state: 'pending'; requestHash: string }
  | { state: 'done'; requestHash: string; ticketId: string };

const keyOf = (keyId: string) => `intake-key:${keyId}`;

/**
 * Idempotency keys of report submissions, claimed in Redis so a submission costs no extra database
 * write. Redis is the fast path only: a created ticket's id is derived from the key, so even a key
 * Redis forgot can never produce a second ticket.
 */
export function intakeKeys(redis: Redis) {
  const claim = async (keyId: string, requestHash: string): Promise<KeyClaim> => {
    const taken = await redis.set(keyOf(keyId), `pending:${requestHash}`, 'PX', abandonedAfterMs, 'NX');
    if (taken === 'OK') return { state: 'claimed' };
    const value = await redis.get(keyOf(keyId));
    // Expired between the two calls: try again.
    if (value === null) return claim(keyId, requestHash);
    const [state, hash = '', ticketId = ''] = value.split(':');
    return state === 'done'
      ? { state: 'done', requestHash: hash, ticketId }
      : { state: 'pending', requestHash: hash };
  };

  return {
    claim,

    async isDone(keyId: string): Promise<boolean> {
      return (await redis.get(keyOf(keyId)))?.startsWith('done:') ?? false;
    },

    async complete(keyId: string, requestHash: string, ticketId: string): Promise<void> {
      await redis.set(keyOf(keyId), `done:${requestHash}:${ticketId}`, 'EX', rememberedForSeconds);
    },

    /** Frees a key whose attempt failed, so the resident's retry is processed afresh. */
    async release(keyId: string, requestHash: string): Promise<void> {
      if ((await redis.get(keyOf(keyId))) === `pending:${requestHash}`) await redis.del(keyOf(keyId));
    },
  };
}

export type IntakeKeys = ReturnType<typeof intakeKeys>;
