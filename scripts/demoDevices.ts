// Registers the demo fleet (households and their detectors, noise meters at public sites) through the
// BFF's own API, so every device gets a real broker account, and writes the simulator's credentials file.
import { bffApi } from './bffApi';
import fs from 'node:fs';
import path from 'node:path';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, Polygon } from 'geojson';
import type { DeviceType } from '@jiefang/contracts';
import { loadDistrict } from '../bff/src/modules/district/district';

interface Credential {
  id: string;
  type: DeviceType;
  secret: string;
}

const noiseSites = [
  { suffix: 'square', site: '社区广场', zoneClass: '1' },
  { suffix: 'road', site: '主干道路口', zoneClass: '4a' },
] as const;

/** A few points spread over a street's polygon: a grid over its bounding box, every k-th point inside. */
function pointsInside(feature: Feature<Polygon>, count: number): Array<{ lat: number; lng: number }> {
  const ring = feature.geometry.coordinates[0] ?? [];
  const lngs = ring.map((point) => point[0] as number);
  const lats = ring.map((point) => point[1] as number);
  const [west, east, south, north] = [
    Math.min(...lngs),
    Math.max(...lngs),
    Math.min(...lats),
    Math.max(...lats),
  ];
  const inside: Array<{ lat: number; lng: number }> = [];
  const steps = 10;
  for (let row = 1; row < steps; row += 1) {
    for (let column = 1; column < steps; column += 1) {
      const lat = south + ((north - south) * row) / steps;
      const lng = west + ((east - west) * column) / steps;
      if (booleanPointInPolygon([lng, lat], feature))
        inside.push({ lat: Number(lat.toFixed(6)), lng: Number(lng.toFixed(6)) });
    }
  }
  const stride = Math.max(1, Math.floor(inside.length / count));
  return inside.filter((_, index) => index % stride === Math.floor(stride / 2)).slice(0, count);
}

export async function provisionDemoDevices(options: {
  baseUrl: string;
  adminPassword: string;
  credentialsFile: string;
  devLogin: boolean;
}): Promise<{ devices: number; created: number }> {
  const base = options.baseUrl;
  const login = await bffApi<{ token: string }>(base, 'POST', '/api/auth/login', null, {
    username: 'admin',
    password: options.adminPassword,
  });
  if (login.status !== 200) throw new Error(`demo devices: admin login failed (${login.status})`);
  const token = login.body.token;
  const owner = options.devLogin
    ? (
        await bffApi<{ user: { id: string } }>(base, 'POST', '/api/auth/dev-login', null, {
          role: 'property_owner',
          name: '房东黄先生',
        })
      ).body.user.id
    : null;

  const known = new Map<string, Credential>();
  if (fs.existsSync(options.credentialsFile)) {
    for (const entry of JSON.parse(fs.readFileSync(options.credentialsFile, 'utf8')) as Credential[])
      known.set(entry.id, entry);
  }
  const credentials: Credential[] = [];
  let created = 0;

  const ensureDevice = async (registration: { id: string; type: DeviceType } & Record<string, unknown>) => {
    const fresh = await bffApi<{ secret: string }>(base, 'POST', '/api/devices', token, registration);
    if (fresh.status === 201) {
      created += 1;
      credentials.push({ id: registration.id, type: registration.type, secret: fresh.body.secret });
      return;
    }
    if (fresh.status !== 409)
      throw new Error(`demo devices: registering ${registration.id} failed (${fresh.status})`);
    const kept = known.get(registration.id);
    if (kept) {
      credentials.push(kept);
      return;
    }
    // Registered before but its secret is not on file: issue a new one.
    const rotated = await bffApi<{ secret: string }>(
      base,
      'POST',
      `/api/devices/${registration.id}/rotate-secret`,
      token,
    );
    credentials.push({ id: registration.id, type: registration.type, secret: rotated.body.secret });
  };

  for (const feature of loadDistrict().features) {
    const street = feature.properties;
    const points = pointsInside(feature as unknown as Feature<Polygon>, 6);
    const at = (index: number) => points[index % Math.max(points.length, 1)] ?? { lat: 23.1, lng: 113.3 };
    for (const [index, site] of noiseSites.entries()) {
      await ensureDevice({
        id: `demo-noise-${street.id}-${site.suffix}`,
        type: 'noise_meter',
        street: street.id,
        ...at(index),
        zoneClass: site.zoneClass,
        site: `${street.name.replace(/街道$/, '')}${site.site}`,
      });
    }
    for (let flat = 1; flat <= 4; flat += 1) {
      const householdId = `demo-${street.id}-${100 + flat}`;
      await bffApi(base, 'POST', '/api/households', token, {
        id: householdId,
        street: street.id,
        address: `${street.name}演示小区 ${flat} 栋 ${100 + flat} 室`,
        ownerIds: owner && flat <= 2 ? [owner] : [],
        contacts: [{ name: '业主', phone: `1380000${String(flat).padStart(4, '0')}` }],
      });
      const type: DeviceType = flat === 4 ? 'smoke_detector' : 'charging_detector';
      await ensureDevice({
        id: `demo-${type === 'smoke_detector' ? 'smoke' : 'charge'}-${street.id}-${100 + flat}`,
        type,
        street: street.id,
        ...at(2 + flat),
        householdId,
        building: `${flat} 栋`,
      });
    }
  }
  fs.mkdirSync(path.dirname(options.credentialsFile), { recursive: true });
  fs.writeFileSync(options.credentialsFile, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return { devices: credentials.length, created };
}
