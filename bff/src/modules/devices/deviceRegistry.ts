import { randomBytes } from 'node:crypto';
import type { Model } from 'mongoose';
import type {
  Device,
  DeviceCredentials,
  DeviceList,
  DeviceListQuery,
  RegisterDeviceRequest,
  UpdateDeviceRequest,
} from '@jiefang/contracts';
import type { Clock } from '../../infra/clock';
import { badRequest, conflict, forbidden, notFound } from '../../http/httpError';
import { findStreet, type District } from '../district/district';
import type { DeviceBrokerAccounts } from './deviceBrokerAccounts';
import type { DeviceDocument } from './deviceModel';
import { hashSecret, newSecret } from './deviceSecrets';

export function deviceRegistry(deps: {
  devices: Model<DeviceDocument>;
  district: District;
  clock: Clock;
  mqttUrl: string;
  accounts: DeviceBrokerAccounts;
  /** The processor's latest readings (Redis), fresher than anything stored on the device. */
  latest: (deviceIds: readonly string[]) => Promise<Map<string, Record<string, string | number>>>;
  /** When the processor last heard each device (Redis): the stored lastSeenAt only moves on a change. */
  heard: (deviceIds: readonly string[]) => Promise<Map<string, number>>;
}) {
  const { devices, district, clock } = deps;

  const streetIdOf = (street: string) => {
    const found = findStreet(district, street);
    if (!found) throw badRequest([{ path: 'street', message: `没有这个街道：${street}` }]);
    return found.properties.id;
  };

  const credentials = (id: string, secret: string): DeviceCredentials => ({
    id,
    secret,
    mqttUrl: deps.mqttUrl,
  });

  /** A device reporting now was last seen now: the later of the stored time and the last message heard. */
  const lastSeen = (device: DeviceDocument, heardAt: number | undefined): string | null => {
    const stored = device.lastSeenAt?.getTime();
    const latest = Math.max(stored ?? -Infinity, heardAt ?? -Infinity);
    return Number.isFinite(latest) ? new Date(latest).toISOString() : null;
  };

  const withLatest = async (items: DeviceDocument[]): Promise<Device[]> => {
    const ids = items.map((item) => item._id);
    const [latest, heard] = await Promise.all([
      deps.latest(ids).catch(() => new Map<string, Record<string, string | number>>()),
      // Without Redis the stored time is still a true, if older, answer.
      deps.heard(ids).catch(() => new Map<string, number>()),
    ]);
    return items.map((item) => ({
      ...view(item),
      lastSeenAt: lastSeen(item, heard.get(item._id)),
      lastReading: latest.get(item._id) ?? item.lastReading,
    }));
  };

  const view = (device: DeviceDocument): Device => ({
    id: device._id,
    type: device.type,
    streetId: device.streetId,
    streetName: findStreet(district, device.streetId)?.properties.name ?? null,
    location: device.location,
    zoneClass: device.zoneClass,
    householdId: device.householdId,
    building: device.building,
    site: device.site,
    disabled: device.disabled,
    online: device.online,
    lastSeenAt: device.lastSeenAt?.toISOString() ?? null,
    lastReading: device.lastReading,
    credentialsRotatedAt: device.credentialsRotatedAt.toISOString(),
  });

  return {
    view,

    /** Registers a device; `onlyStreetId` (a street's administrator) refuses another street's. */
    async register(request: RegisterDeviceRequest, onlyStreetId?: string): Promise<DeviceCredentials> {
      const streetId = streetIdOf(request.street);
      if (onlyStreetId !== undefined && streetId !== onlyStreetId)
        throw forbidden('街道管理员只能登记本街道的设备');
      const now = clock.now();
      const secret = newSecret();
      const salt = randomBytes(12).toString('hex');
      try {
        await devices.create({
          _id: request.id,
          type: request.type,
          streetId,
          location: { lat: request.lat, lng: request.lng },
          zoneClass: request.zoneClass ?? null,
          householdId: request.householdId ?? null,
          building: request.building ?? null,
          site: request.site ?? null,
          secretSalt: salt,
          secretHash: hashSecret(salt, secret),
          credentialsRotatedAt: now,
          disabled: false,
          online: false,
          lastSeenAt: null,
          lastReading: null,
          createdAt: now,
          updatedAt: now,
        });
      } catch (error) {
        if ((error as { code?: number }).code === 11000) throw conflict('设备编号已存在', { field: 'id' });
        throw error;
      }
      try {
        await deps.accounts.grant(request.id, secret);
      } catch (error) {
        // A device the broker would refuse is not registered: the admin can simply try again.
        await devices.deleteOne({ _id: request.id });
        throw error;
      }
      return credentials(request.id, secret);
    },

    /**
     * Edits a device; `onlyStreetId` (a street's administrator) answers another street's device as if it
     * did not exist and refuses moving one out of the street.
     */
    async update(id: string, request: UpdateDeviceRequest, onlyStreetId?: string): Promise<Device> {
      const { street, lat, lng, ...rest } = request;
      const inReach = { _id: id, ...(onlyStreetId !== undefined ? { streetId: onlyStreetId } : {}) };
      const current = await devices.findOne(inReach).lean<DeviceDocument>();
      if (!current) throw notFound('设备不存在');
      const set: Partial<DeviceDocument> = { ...rest, updatedAt: clock.now() };
      if (street) set.streetId = streetIdOf(street);
      if (onlyStreetId !== undefined && set.streetId !== undefined && set.streetId !== onlyStreetId)
        throw forbidden('街道管理员不能把设备移到其他街道');
      if (lat !== undefined || lng !== undefined)
        set.location = { lat: lat ?? current.location.lat, lng: lng ?? current.location.lng };
      const updated = await devices
        .findOneAndUpdate(inReach, { $set: set }, { new: true })
        .lean<DeviceDocument>();
      if (!updated) throw notFound('设备不存在');
      if (request.disabled !== undefined && request.disabled !== current.disabled) {
        await deps.accounts.setEnabled(id, !request.disabled);
      }
      return view(updated);
    },

    /** Issues a new secret; the old one stops working at once. `onlyStreetId`: as for update. */
    async rotateSecret(id: string, onlyStreetId?: string): Promise<DeviceCredentials> {
      const secret = newSecret();
      const salt = randomBytes(12).toString('hex');
      const inReach = { _id: id, ...(onlyStreetId !== undefined ? { streetId: onlyStreetId } : {}) };
      if (!(await devices.exists(inReach))) throw notFound('设备不存在');
      // Broker first: if it refuses, the registry still holds the secret the device is using.
      await deps.accounts.grant(id, secret);
      const updated = await devices.updateOne(
        { _id: id },
        {
          $set: {
            secretSalt: salt,
            secretHash: hashSecret(salt, secret),
            credentialsRotatedAt: clock.now(),
            updatedAt: clock.now(),
          },
        },
      );
      if (!updated.matchedCount) throw notFound('设备不存在');
      return credentials(id, secret);
    },

    async get(id: string): Promise<Device> {
      const device = await devices.findById(id).lean<DeviceDocument>();
      if (!device) throw notFound('设备不存在');
      return (await withLatest([device]))[0] as Device;
    },

    /** Whether a device is online now, and when it was last heard; null for a device not registered. */
    async presence(id: string): Promise<Pick<Device, 'online' | 'lastSeenAt'> | null> {
      const device = await devices.findById(id, { online: 1, lastSeenAt: 1 }).lean<DeviceDocument>();
      if (!device) return null;
      const heard = await deps.heard([id]).catch(() => new Map<string, number>());
      return { online: device.online, lastSeenAt: lastSeen(device, heard.get(id)) };
    },

    async list(query: DeviceListQuery, onlyStreetId?: string): Promise<DeviceList> {
      const filter: Record<string, unknown> = {};
      if (query.type) filter.type = query.type;
      if (query.street) filter.streetId = streetIdOf(query.street);
      // Street staff asking for another street get nothing of it.
      if (onlyStreetId)
        filter.streetId = query.street && filter.streetId !== onlyStreetId ? '(none)' : onlyStreetId;
      if (query.online) filter.online = query.online === 'true';
      const [items, total] = await Promise.all([
        devices.find(filter).sort({ _id: 1 }).skip(query.offset).limit(query.limit).lean<DeviceDocument[]>(),
        devices.countDocuments(filter),
      ]);
      return { items: await withLatest(items), total };
    },
  };
}

export type DeviceRegistry = ReturnType<typeof deviceRegistry>;
