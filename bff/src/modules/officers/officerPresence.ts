import type { Redis } from 'ioredis';
import type { LocationRequest, Wgs84Point } from '@jiefang/contracts';
import type { Clock } from '../../infra/clock';
import type { OfficerCandidate, TravelMode } from '../../domain/dispatchRanking';
import { searchRingsMeters } from '../../domain/dispatchRanking';

const geoKey = 'officers:geo';
const profileKey = (officerId: string) => `officer:${officerId}`;
/** Location tracks are sensitive (PIPL art. 28): a profile left alone expires after a shift. */
const profileTtlSeconds = 12 * 3600;

export interface OfficerStatus {
  onDuty: boolean;
  travelMode: TravelMode;
  capacity: number;
  location: (Wgs84Point & { accuracy?: number; at: string }) | null;
}

/** Who is on duty and where, in Redis: a GEO set for the search and a hash per officer. */
export function officerPresence(redis: Redis, clock: Clock) {
  const readProfile = async (officerId: string): Promise<Record<string, string>> =>
    redis.hgetall(profileKey(officerId));

  return {
    async setDuty(
      officer: { id: string; squadId: string; name?: string },
      onDuty: boolean,
      travelMode: TravelMode = 'ebike',
      capacity = 3,
    ): Promise<void> {
      const key = profileKey(officer.id);
      if (onDuty) {
        await redis
          .multi()
          .hset(key, {
            onDuty: '1',
            squadId: officer.squadId,
            name: officer.name ?? '',
            travelMode,
            capacity: String(capacity),
          })
          .expire(key, profileTtlSeconds)
          .exec();
      } else {
        // Off duty: the position is no longer needed, so it is deleted, not just hidden.
        await redis.multi().del(key).zrem(geoKey, officer.id).exec();
      }
    },

    /** Records a position; refused (false) when the officer is not on duty. */
    async updateLocation(officerId: string, location: LocationRequest): Promise<boolean> {
      const key = profileKey(officerId);
      if ((await redis.hget(key, 'onDuty')) !== '1') return false;
      await redis
        .multi()
        .geoadd(geoKey, location.lng, location.lat, officerId)
        .hset(key, {
          lat: String(location.lat),
          lng: String(location.lng),
          accuracy: String(location.accuracy ?? ''),
          locationAt: String(clock.now().getTime()),
        })
        .expire(key, profileTtlSeconds)
        .exec();
      return true;
    },

    async status(officerId: string): Promise<OfficerStatus> {
      const profile = await readProfile(officerId);
      const onDuty = profile.onDuty === '1';
      return {
        onDuty,
        travelMode: (profile.travelMode as TravelMode | undefined) ?? 'ebike',
        capacity: Number(profile.capacity ?? 3),
        location:
          onDuty && profile.locationAt
            ? {
                lat: Number(profile.lat),
                lng: Number(profile.lng),
                ...(profile.accuracy ? { accuracy: Number(profile.accuracy) } : {}),
                at: new Date(Number(profile.locationAt)).toISOString(),
              }
            : null,
      };
    },

    /**
     * Officers on duty within `radiusMeters` of a site, with what ranking needs except their current
     * workload; those in `known` (found by a smaller ring already) are left out.
     */
    async nearby(
      site: Wgs84Point,
      radiusMeters: number = Math.max(...searchRingsMeters),
      known: ReadonlySet<string> | ReadonlyMap<string, unknown> = new Set(),
    ): Promise<Array<Omit<OfficerCandidate, 'activeTickets'> & { name: string | null }>> {
      const ids = (
        (await redis.geosearch(
          geoKey,
          'FROMLONLAT',
          site.lng,
          site.lat,
          'BYRADIUS',
          radiusMeters,
          'm',
          'ASC',
        )) as string[]
      ).filter((id) => !known.has(id));
      if (!ids.length) return [];
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.hgetall(profileKey(id));
      const profiles = (await pipeline.exec()) ?? [];
      return ids.flatMap((officerId, index) => {
        const profile = (profiles[index]?.[1] ?? {}) as Record<string, string>;
        if (profile.onDuty !== '1' || !profile.locationAt || !profile.squadId) return [];
        return [
          {
            officerId,
            name: profile.name || null,
            squadId: profile.squadId,
            onDuty: true,
            travelMode: (profile.travelMode as TravelMode | undefined) ?? 'ebike',
            capacity: Number(profile.capacity ?? 3),
            location: {
              lat: Number(profile.lat),
              lng: Number(profile.lng),
              at: new Date(Number(profile.locationAt)),
            },
          },
        ];
      });
    },
  };
}

export type OfficerPresence = ReturnType<typeof officerPresence>;
