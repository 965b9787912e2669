import type { Redis } from 'ioredis';

export type RedisScript<Reply> = (...args: Array<string | number>) => Promise<Reply>;

/**
 * A Lua script registered once per client under `name` (ioredis then sends its SHA, not its text) and
 * called with its keys first, then its arguments. Registering the same name again on a client is harmless.
 */
export function redisScript<Reply>(
  redis: Redis,
  name: string,
  numberOfKeys: number,
  lua: string,
): RedisScript<Reply> {
  if (!(name in redis)) redis.defineCommand(name, { numberOfKeys, lua });
  const command = (redis as unknown as Record<string, RedisScript<Reply>>)[name] as RedisScript<Reply>;
  return (...args) => command.call(redis, ...args);
}
