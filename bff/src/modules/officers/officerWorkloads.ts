import type { Redis } from 'ioredis';

/** Redis keys (under the client's prefix); dispatch's candidate search reads the load hash too. */
export const workloadKeys = { load: 'officers:load', assignee: 'tickets:assignee' } as const;
const loadKey = workloadKeys.load;
const assigneeKey = workloadKeys.assignee;

/**
 * How many tickets each officer has in hand, kept in Redis beside their position: dispatch reads it
 * for every report, and a count over the tickets collection would be a scan on FerretDB. Each ticket
 * change updates it under that ticket's lock; start-up rebuilds it from MongoDB.
 */
export function officerWorkloads(redis: Redis) {
  return {
    /** Records who holds a ticket now (null: nobody, or the ticket is no longer active). */
    async track(ticketId: string, holderId: string | null): Promise<void> {
      const previous = await redis.hget(assigneeKey, ticketId);
      if (previous === holderId || (previous === null && holderId === null)) return;
      const transaction = redis.multi();
      if (previous) transaction.hincrby(loadKey, previous, -1);
      if (holderId) transaction.hincrby(loadKey, holderId, 1).hset(assigneeKey, ticketId, holderId);
      else transaction.hdel(assigneeKey, ticketId);
      await transaction.exec();
    },

    async counts(officerIds: readonly string[]): Promise<Map<string, number>> {
      if (!officerIds.length) return new Map();
      const values = await redis.hmget(loadKey, ...officerIds);
      return new Map(officerIds.map((id, index) => [id, Math.max(0, Number(values[index] ?? 0))]));
    },

    /** Replaces the counts with the truth from the tickets (start-up, or after Redis lost its data). */
    async rebuild(active: ReadonlyArray<{ ticketId: string; holderId: string }>): Promise<void> {
      const load = new Map<string, number>();
      for (const { holderId } of active) load.set(holderId, (load.get(holderId) ?? 0) + 1);
      const transaction = redis.multi().del(loadKey, assigneeKey);
      if (load.size) transaction.hset(loadKey, Object.fromEntries(load));
      if (active.length)
        transaction.hset(assigneeKey, Object.fromEntries(active.map((row) => [row.ticketId, row.holderId])));
      await transaction.exec();
    },
  };
}

export type OfficerWorkloads = ReturnType<typeof officerWorkloads>;
