import type { Redis } from 'ioredis';
import { redisScript } from '../../infra/redisScript';
import type { ChannelName } from './channels/deliveryChannel';

/** A channel's final outcome for one notification: never tried again once marked. */
export interface ChannelMark {
  /** sent: accepted; refused: refused for good; skipped: did not apply after all (no subscription). */
  status: 'sent' | 'refused' | 'skipped';
  at: number;
  error?: string;
}

/** What one notification's channels have done so far. */
export interface NotificationMarks {
  channels: Partial<Record<ChannelName, ChannelMark>>;
  /** When its one-time WeChat subscription was consumed: a retry must not consume another. */
  subscriptionConsumedAt?: number;
}

/** Merges ARGV[2] = ARGV[3] (JSON) into the marks of id ARGV[1]: channels of one send write concurrently. */
const mergeScript = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
local marks = current and cjson.decode(current) or {}
marks[ARGV[2]] = cjson.decode(ARGV[3])
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(marks))
return 1`;

/**
 * Per-channel delivery marks in a Redis hash beside the outbox's `delivered` (id → JSON), written the
 * moment a channel accepted or refused: a notification retried because another of its channels failed
 * for now does not go again over the ones that are done. The outbox drops an id's marks when it settles.
 */
export function channelMarks(redis: Redis, key: string) {
  const merge = redisScript<number>(redis, 'jiefangOutboxChannelMark', 1, mergeScript);
  return {
    async of(id: string): Promise<NotificationMarks> {
      const stored = await redis.hget(key, id);
      const flat = stored ? (JSON.parse(stored) as Record<string, unknown>) : {};
      const channels: NotificationMarks['channels'] = {};
      for (const [field, value] of Object.entries(flat)) {
        if (field.startsWith('channel:'))
          channels[field.slice('channel:'.length) as ChannelName] = value as ChannelMark;
      }
      const consumedAt = flat.subscriptionConsumedAt;
      return { channels, ...(typeof consumedAt === 'number' ? { subscriptionConsumedAt: consumedAt } : {}) };
    },
    async mark(id: string, channel: ChannelName, mark: ChannelMark): Promise<void> {
      // Stored flat ("channel:<name>" → mark) so that one Lua merge per write suffices.
      await merge(key, id, `channel:${channel}`, JSON.stringify(mark));
    },
    async subscriptionConsumed(id: string, at: number): Promise<void> {
      await merge(key, id, 'subscriptionConsumedAt', JSON.stringify(at));
    },
  };
}

export type ChannelMarks = ReturnType<typeof channelMarks>;
