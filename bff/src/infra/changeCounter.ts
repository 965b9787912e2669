import type { Redis } from 'ioredis';

/**
 * A counter in Redis bumped after every change of one kind of shared data (staff, categories, grids), so
 * every BFF instance knows to read that data again. A counter Redis lost reads differently too ('0'), so
 * an instance then reloads rather than staying stale.
 */
export function changeCounter(redis: Redis, key: string) {
  return {
    async changed(): Promise<void> {
      await redis.incr(key);
    },
    async version(): Promise<string> {
      return (await redis.get(key)) ?? '0';
    },
  };
}

export type ChangeCounter = ReturnType<typeof changeCounter>;
