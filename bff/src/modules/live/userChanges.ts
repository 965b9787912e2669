import type { Redis } from 'ioredis';
import { liveChangeSchema, type LiveChange, type LiveTopic } from '@jiefang/contracts';
import { liveEventStream } from '../../http/liveEventStream';
import type { Logger } from '../../infra/logger';
import type { UserChangeLog } from './userChangeLog';

/** What travels on the Redis channel: the change and who it concerns. */
interface Announcement extends LiveChange {
  userIds: string[];
}

const parseAnnouncement = (message: string): Announcement | null => {
  try {
    const value = JSON.parse(message) as { userIds?: unknown };
    const change = liveChangeSchema.safeParse(value);
    const userIds = Array.isArray(value.userIds) ? value.userIds.filter((id) => typeof id === 'string') : [];
    return change.success ? { ...change.data, userIds } : null;
  } catch {
    return null;
  }
};

/**
 * Tells the users a change concerns that it happened: into each one's change log (the mini-program's
 * poll) and on one Redis channel, so each BFF instance streams it to that user's open pages
 * (`GET /api/me/events`) and to nobody else's. Only the kind and the id travel; pages read the
 * document again through the routes that check who may see it.
 */
export function userChanges(deps: { redis: Redis; channel: string; log: UserChangeLog; logger: Logger }) {
  const stream = liveEventStream<Announcement>({
    redis: deps.redis,
    channel: deps.channel,
    eventName: 'change',
    load: async (message) => parseAnnouncement(message),
    visibleTo: (caller, announcement) => announcement.userIds.includes(caller.userId),
    payload: ({ topic, id }): LiveChange => ({ topic, id }),
    logger: deps.logger,
  });

  return {
    start: stream.start,
    stop: stream.stop,
    stream: stream.stream,

    /** Announces a change to these users; losing one is tolerable (pages reload on show), failing a write is not. */
    announce(topic: LiveTopic, id: string, userIds: Iterable<string | null | undefined>): void {
      const concerned = [...new Set([...userIds].filter((userId): userId is string => Boolean(userId)))];
      if (!concerned.length) return;
      deps.log
        .record(concerned, { topic, id })
        .catch((error: unknown) => deps.logger.warn({ err: error, topic, id }, 'user change log failed'))
        .finally(() => stream.announce(JSON.stringify({ topic, id, userIds: concerned })));
    },

    changesSince: deps.log.since,
  };
}

export type UserChanges = ReturnType<typeof userChanges>;
