import type { Redis } from 'ioredis';
import type { LiveChange, LiveTopic, MeChanges } from '@jiefang/contracts';
import { redisScript } from '../../infra/redisScript';

/** How many recent changes a user's log keeps; a poller further behind is told to load everything. */
export const changeLogLength = 50;
/** A log nobody wrote to for this long is dropped (a poller then starts over, told to reset). */
export const changeLogTtlSeconds = 24 * 3600;

// Raises the user's counter and appends "<seq> <topic> <id>" to their short list, both expiring together.
const appendLua = `
local seq = redis.call('INCR', KEYS[1])
redis.call('RPUSH', KEYS[2], seq .. ' ' .. ARGV[1])
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[3])
return seq`;

// The hash tag keeps a user's two keys in one slot, should Redis ever be a cluster.
const keysOf = (userId: string) => [`me:{${userId}}:seq`, `me:{${userId}}:changes`] as const;

/**
 * Each user's recent changes in Redis, numbered by a per-user counter, for the mini-program's poll
 * (`GET /api/me/changes`): one small read per poll, whatever the user has.
 */
export function userChangeLog(redis: Redis) {
  const append = redisScript<number>(redis, 'jfUserChangeAppend', 2, appendLua);

  return {
    async record(userIds: readonly string[], change: LiveChange): Promise<void> {
      await Promise.all(
        userIds.map((userId) =>
          append(...keysOf(userId), `${change.topic} ${change.id}`, changeLogLength, changeLogTtlSeconds),
        ),
      );
    },

    /** What changed for the user after `since`; without it only the cursor to start from. */
    async since(userId: string, since: number | undefined): Promise<MeChanges> {
      const [seqKey, listKey] = keysOf(userId);
      const [seqReply, listReply] = (await redis.multi().get(seqKey).lrange(listKey, 0, -1).exec()) ?? [];
      if (seqReply?.[0] || listReply?.[0]) throw seqReply?.[0] ?? listReply?.[0];
      const cursor = Number(seqReply?.[1] ?? 0);
      if (since === undefined) return { cursor, changes: [], reset: false };
      const entries = ((listReply?.[1] as string[] | undefined) ?? []).flatMap((line) => {
        const [seq, topic, ...id] = line.split(' ');
        return seq && topic ? [{ seq: Number(seq), topic: topic as LiveTopic, id: id.join(' ') }] : [];
      });
      const oldest = entries[0]?.seq ?? cursor + 1;
      // Ahead of the counter (the log expired or Redis lost it) or behind the oldest kept: some are missing.
      const reset = since > cursor || oldest > since + 1;
      const seen = new Set<string>();
      const changes: LiveChange[] = [];
      for (const entry of entries) {
        const key = `${entry.topic} ${entry.id}`;
        if (entry.seq <= since || seen.has(key)) continue;
        seen.add(key);
        changes.push({ topic: entry.topic, id: entry.id });
      }
      return { cursor, changes, reset };
    },
  };
}

export type UserChangeLog = ReturnType<typeof userChangeLog>;
