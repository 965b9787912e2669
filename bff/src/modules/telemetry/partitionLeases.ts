import type { Redis } from 'ioredis';

const renewScript = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
// Free, or ours already: an instance restarted under its stable id takes its partitions straight back.
const takeScript = `local holder = redis.call('get', KEYS[1]) if holder == false or holder == ARGV[1] then redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 else return 0 end`;
const releaseScript = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * Which partitions of the device streams this instance processes. Each partition is leased by one
 * instance at a time, so a device's messages are handled in order by one owner; a lease that is not
 * renewed (the owner died) is taken over by another instance.
 */
export function partitionLeases(redis: Redis, options: { partitions: number; owner: string; ttlMs: number }) {
  const owned = new Set<number>();
  const key = (partition: number) => `devices:lease:${partition}`;

  return {
    owned,
    /** Renews held leases and tries to take free ones; returns partitions newly taken. */
    async refresh(): Promise<number[]> {
      const taken: number[] = [];
      for (let partition = 0; partition < options.partitions; partition += 1) {
        if (owned.has(partition)) {
          const renewed = await redis.eval(renewScript, 1, key(partition), options.owner, options.ttlMs);
          if (renewed !== 1) owned.delete(partition);
          continue;
        }
        if ((await redis.eval(takeScript, 1, key(partition), options.owner, options.ttlMs)) === 1) {
          owned.add(partition);
          taken.push(partition);
        }
      }
      return taken;
    },
    async releaseAll(): Promise<void> {
      for (const partition of owned)
        await redis.eval(releaseScript, 1, key(partition), options.owner).catch(() => 0);
      owned.clear();
    },
  };
}
