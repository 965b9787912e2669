import type { Redis } from 'ioredis';
import type { CategoryCode, Wgs84Point } from '@jiefang/contracts';
import type { OpenTicketSummary } from '../../domain/duplicateReports';
import type { TicketDocument } from '../tickets/ticketModel';

const geoKey = (category: CategoryCode) => `open-tickets:${category}:geo`;
const timeKey = (category: CategoryCode) => `open-tickets:${category}:at`;

/**
 * Recent tickets per category in Redis GEO, the candidates a new report may join: the duplicate search
 * runs on every report, and FerretDB has no geo index. Entries leave when their window has passed or
 * when a lookup finds the ticket closed; start-up refills the index from MongoDB.
 */
export function openTicketIndex(redis: Redis) {
  const forget = async (category: CategoryCode, ids: readonly string[]) => {
    if (ids.length)
      await redis
        .multi()
        .zrem(geoKey(category), ...ids)
        .zrem(timeKey(category), ...ids)
        .exec();
  };

  return {
    async add(ticket: Pick<TicketDocument, '_id' | 'category' | 'location' | 'reportedAt'>) {
      await redis
        .multi()
        .geoadd(geoKey(ticket.category), ticket.location.lng, ticket.location.lat, ticket._id)
        .zadd(timeKey(ticket.category), ticket.reportedAt.getTime(), ticket._id)
        .exec();
    },

    forget,

    /** Tickets of the category reported since `since` within `radiusMeters` of the point. */
    async near(
      category: CategoryCode,
      point: Wgs84Point,
      radiusMeters: number,
      since: Date,
    ): Promise<OpenTicketSummary[]> {
      const expired = await redis.zrangebyscore(timeKey(category), '-inf', `(${since.getTime()}`);
      await forget(category, expired);
      const found = (await redis.geosearch(
        geoKey(category),
        'FROMLONLAT',
        point.lng,
        point.lat,
        'BYRADIUS',
        radiusMeters,
        'm',
        'ASC',
        'WITHCOORD',
      )) as Array<[string, [string, string]]>;
      if (!found.length) return [];
      const times = await redis.zmscore(timeKey(category), ...found.map(([id]) => id));
      return found.flatMap(([id, [lng, lat]], index) => {
        const at = times[index];
        return at === null || at === undefined
          ? []
          : [
              {
                id,
                category,
                location: { lat: Number(lat), lng: Number(lng) },
                reportedAt: new Date(Number(at)),
              },
            ];
      });
    },
  };
}

export type OpenTicketIndex = ReturnType<typeof openTicketIndex>;
