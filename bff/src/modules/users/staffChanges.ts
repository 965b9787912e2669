import type { Redis } from 'ioredis';

const staffVersionKey = 'staff:version';

/**
 * A counter in Redis bumped whenever someone gains a staff role, so every BFF instance's remembered
 * role look-ups (see staffDirectory) know at once that they are out of date.
 */
export function staffChanges(redis: Redis) {
  return {
    async changed(): Promise<void> {
      await redis.incr(staffVersionKey);
    },
    async version(): Promise<string> {
      return (await redis.get(staffVersionKey)) ?? '0';
    },
  };
}

export type StaffChanges = ReturnType<typeof staffChanges>;
