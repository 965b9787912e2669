import type { Redis } from 'ioredis';
import type { LocationRequest, Wgs84Point } from '@jiefang/contracts';
import type { Clock } from '../../infra/clock';
import { redisScript } from '../../infra/redisScript';
import type { OfficerCandidate, TravelMode } from '../../domain/dispatchRanking';
import { dispatchPolicy, searchRingsMeters } from '../../domain/dispatchRanking';
import { workloadKeys } from './officerWorkloads';

const geoKey = 'officers:geo';
const profileKey = (officerId: string) => `officer:${officerId}`;
/** Location tracks are sensitive (PIPL art. 28): a profile left alone expires after a shift. */
const profileTtlSeconds = 12 * 3600;

const candidatesNearName = 'jiefangOfficerCandidatesNear';
const candidateFields = 9;
/**
 * KEYS: the GEO set, the workload hash. ARGV: lng, lat, profile key prefix, squad id, now (ms),
 * freshness (ms), excluded ids (JSON), the squads that dispatch by roster with who is on shift (JSON
 * object of squad id → ids), then the rings in metres. Profiles are per-officer hashes read by name —
 * fine on one Redis (or a cluster with the officer keys under one hash tag).
 */
const candidatesNearScript = `
local excluded = {}
for _, id in ipairs(cjson.decode(ARGV[7])) do excluded[id] = true end
local onShift = {}
for squad, ids in pairs(cjson.decode(ARGV[8])) do
  onShift[squad] = {}
  for _, id in ipairs(ids) do onShift[squad][id] = true end
end
local now, fresh = tonumber(ARGV[5]), tonumber(ARGV[6])
local seen, out, ownFound = {}, {}, false
for ring = 9, #ARGV do
  local ids = redis.call('GEOSEARCH', KEYS[1], 'FROMLONLAT', ARGV[1], ARGV[2], 'BYRADIUS', ARGV[ring], 'm', 'ASC')
  for _, id in ipairs(ids) do
    if not seen[id] then
      seen[id] = true
      local p = redis.call('HMGET', ARGV[3] .. id, 'onDuty', 'squadId', 'travelMode', 'capacity', 'lat', 'lng', 'locationAt', 'name')
      local rostered = p[2] and onShift[p[2]]
      if p[1] == '1' and p[2] and p[7] and not excluded[id] and now - tonumber(p[7]) <= fresh
        and (not rostered or rostered[id]) then
        local load = tonumber(redis.call('HGET', KEYS[2], id) or '0')
        if load < tonumber(p[4] or '3') then
          for _, value in ipairs({ id, p[2], p[3] or '', p[4] or '', p[5], p[6], p[7], p[8] or '', tostring(load) }) do
            out[#out + 1] = value
          end
          if p[2] == ARGV[4] then ownFound = true end
        end
      end
    end
  end
  if ownFound then break end
end
return out`;

export interface OfficerStatus {
  onDuty: boolean;
  travelMode: TravelMode;
  capacity: number;
  location: (Wgs84Point & { accuracy?: number; at: string }) | null;
}

/** Who is on duty and where, in Redis: a GEO set for the search and a hash per officer. */
export function officerPresence(redis: Redis, clock: Clock) {
  // Profiles are read inside the script by name, so it needs the client's key prefix.
  const keyPrefix = redis.options.keyPrefix ?? '';
  const candidatesNearCommand = redisScript<string[]>(redis, candidatesNearName, 2, candidatesNearScript);
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
     * Officers who could take a ticket at `site` — on duty, located within the freshness limit, below
     * their capacity, not excluded — found ring by ring in one Redis call: the search stops at the first
     * ring that holds someone of `squadId`, and returns everyone eligible it met on the way (the
     * neighbouring squads' fallback). Ranking among them is the caller's.
     */
    async candidatesNear(
      site: Wgs84Point,
      options: {
        squadId: string | null;
        excluded: ReadonlySet<string>;
        /** The squads that dispatch by roster, with who is on the shift on now: only they are found. */
        onShift?: ReadonlyMap<string, ReadonlySet<string>>;
        rings?: readonly number[];
        freshForMs?: number;
      },
    ): Promise<Array<OfficerCandidate & { name: string | null }>> {
      const now = clock.now().getTime();
      const rows = await candidatesNearCommand(
        geoKey,
        workloadKeys.load,
        site.lng,
        site.lat,
        keyPrefix + profileKey(''),
        options.squadId ?? '',
        now,
        options.freshForMs ?? dispatchPolicy.locationFreshForMs,
        JSON.stringify([...options.excluded]),
        JSON.stringify(
          Object.fromEntries([...(options.onShift ?? [])].map(([squadId, ids]) => [squadId, [...ids]])),
        ),
        ...(options.rings ?? searchRingsMeters),
      );
      const candidates: Array<OfficerCandidate & { name: string | null }> = [];
      for (let index = 0; index + candidateFields <= rows.length; index += candidateFields) {
        const [officerId, squadId, travelMode, capacity, lat, lng, locationAt, name, load] = rows.slice(
          index,
          index + candidateFields,
        ) as string[];
        candidates.push({
          officerId: officerId as string,
          name: name || null,
          squadId: squadId as string,
          onDuty: true,
          travelMode: (travelMode || 'ebike') as TravelMode,
          capacity: Number(capacity || 3),
          activeTickets: Math.max(0, Number(load)),
          location: { lat: Number(lat), lng: Number(lng), at: new Date(Number(locationAt)) },
        });
      }
      return candidates;
    },
  };
}

export type OfficerPresence = ReturnType<typeof officerPresence>;
