import type { Redis } from 'ioredis';
import type { Logger } from './logger';

/**
 * Whether a Redis writes its append-only file, so that what it acknowledged survives a crash of the
 * Redis process: true, false, or null when it cannot tell (INFO refused or Redis unreachable).
 */
export async function redisAppendOnly(redis: Redis): Promise<boolean | null> {
  try {
    const info = await redis.info('persistence');
    const match = /^aof_enabled:(\d)/m.exec(info);
    return match ? match[1] === '1' : null;
  } catch {
    return null;
  }
}

/**
 * Says at start-up when Redis would forget acknowledged device messages (and queued jobs) if its
 * process died: the bridge acknowledges a device's message once Redis has it.
 */
export async function warnUnlessAppendOnly(redis: Redis, logger: Logger): Promise<boolean | null> {
  const appendOnly = await redisAppendOnly(redis);
  if (appendOnly === false) {
    logger.warn(
      'Redis has no append-only file (appendonly no): a crash of Redis loses device messages the broker was ' +
        'already told were stored. Run it with --appendonly yes --appendfsync everysec (see docs/operations.md).',
    );
  } else if (appendOnly === null) {
    logger.warn('could not read Redis persistence settings (INFO persistence); make sure appendonly is yes');
  }
  return appendOnly;
}
