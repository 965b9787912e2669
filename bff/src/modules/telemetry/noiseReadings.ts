import distance from '@turf/distance';
import type { Redis } from 'ioredis';
import type { Model } from 'mongoose';
import type { DeviceReadings, NoiseSites, NoiseSitesQuery } from '@jiefang/contracts';
import { noiseLimitFor } from '../../domain/noiseLimits';
import { adminStreetOf, reachesDistrict } from '../../domain/staffScope';
import { notFound } from '../../http/httpError';
import { isoOrNull } from '../../http/isoDate';
import type { Clock } from '../../infra/clock';
import { alarmView } from '../alarms/alarmBook';
import type { AlarmDocument } from '../alarms/alarmModel';
import type { Caller } from '../../http/appState';
import type { StaffDirectory } from '../dispatch/staffDirectory';
import { findStreet, type District } from '../district/district';
import type { DeviceDocument } from '../devices/deviceModel';
import type { DeviceReadingDocument } from './deviceReadingModel';
import { latestReadings } from './latestReadings';

const recentAlarmWindowMs = 24 * 3600_000;

/** Noise levels for residents near home, and a meter's recent history for the console. */
export function noiseReadings(deps: {
  devices: Model<DeviceDocument>;
  readings: Model<DeviceReadingDocument>;
  alarms: Model<AlarmDocument>;
  redis: Redis;
  district: District;
  staff: Pick<StaffDirectory, 'streetOf'>;
  clock: Clock;
}) {
  return {
    /** A meter's minutes of the last `minutes`; street staff only for their own street's meters. */
    async meterHistory(caller: Caller, deviceId: string, minutes: number): Promise<DeviceReadings> {
      // Street staff (and a street's administrator) read their own street's meters; another street's is
      // answered as if it did not exist.
      const filter = reachesDistrict(caller)
        ? { _id: deviceId }
        : {
            _id: deviceId,
            streetId: adminStreetOf(caller) ?? (await deps.staff.streetOf(caller.userId)) ?? '(none)',
          };
      if (!(await deps.devices.exists(filter))) throw notFound('设备不存在');
      const since = new Date(deps.clock.now().getTime() - minutes * 60_000);
      const items = await deps.readings
        .find({ deviceId, minute: { $gte: since } })
        .sort({ minute: 1 })
        .lean<DeviceReadingDocument[]>();
      const body: DeviceReadings = {
        deviceId,
        // A minute stored with no readable time (older code) is left out rather than failing the list.
        items: items.flatMap((item) => {
          const at = isoOrNull(item.minute);
          return at ? [{ at, levelDb: item.levelDb, maxDb: item.maxDb }] : [];
        }),
      };
      return body;
    },

    /** Meters near a point (or all), with their latest level, limit and the day's noise alarms. */
    async sitesNear(query: NoiseSitesQuery): Promise<NoiseSites> {
      const here =
        query.lat !== undefined && query.lng !== undefined ? { lat: query.lat, lng: query.lng } : null;
      const meters = await deps.devices
        .find({ type: 'noise_meter', disabled: false }, { secretHash: 0, secretSalt: 0 })
        .limit(2000)
        .lean<DeviceDocument[]>();
      const distanceTo = (location: { lat: number; lng: number }) =>
        here
          ? Math.round(distance([here.lng, here.lat], [location.lng, location.lat], { units: 'meters' }))
          : null;
      const nearby = meters
        .map((device) => ({ device, distanceM: distanceTo(device.location) }))
        .filter((item) => item.distanceM === null || item.distanceM <= query.radiusM)
        .sort((a, b) => (a.distanceM ?? 0) - (b.distanceM ?? 0))
        .slice(0, 100);
      const ids = nearby.map((item) => item.device._id);
      const [latest, alarms] = await Promise.all([
        latestReadings(deps.redis, ids),
        deps.alarms
          .find({
            deviceId: { $in: ids },
            type: 'noise_exceeded',
            openedAt: { $gte: new Date(deps.clock.now().getTime() - recentAlarmWindowMs) },
          })
          .sort({ openedAt: -1 })
          .limit(50)
          .lean<AlarmDocument[]>(),
      ]);
      const now = deps.clock.now();
      const body: NoiseSites = {
        items: nearby.map(({ device, distanceM }) => {
          const reading = latest.get(device._id);
          const limit = noiseLimitFor(device.zoneClass ?? '2', now);
          const levelDb = typeof reading?.levelDb === 'number' ? reading.levelDb : null;
          const at = typeof reading?.at === 'number' ? isoOrNull(reading.at) : null;
          return {
            deviceId: device._id,
            site: device.site,
            streetName: findStreet(deps.district, device.streetId)?.properties.name ?? null,
            location: device.location,
            distanceM,
            online: device.online,
            levelDb,
            limitDb: limit.limitDb,
            period: limit.period,
            updatedAt: at,
            alarmActive: alarms.some((alarm) => alarm.deviceId === device._id && alarm.status !== 'cleared'),
          };
        }),
        recentAlarms: alarms.slice(0, 20).map((alarm) => ({
          id: alarm._id,
          deviceId: alarm.deviceId,
          site: alarm.site,
          status: alarm.status,
          // The alarm's own view: it shows a time no Date can hold without failing.
          openedAt: alarmView(alarm, deps.district).openedAt,
          clearedAt: isoOrNull(alarm.clearedAt),
          peakDb: alarm.noise?.peakDb ?? 0,
          limitDb: alarm.noise?.limitDb ?? 0,
        })),
      };
      return body;
    },
  };
}

export type NoiseReadings = ReturnType<typeof noiseReadings>;
