import { alarmSchema, deviceSchema, type Alarm, type Device } from '@jiefang/contracts';

const baseAlarm: Alarm = {
  id: 'A-1',
  deviceId: 'noise-qingzhu-01',
  deviceType: 'noise_meter',
  type: 'noise_exceeded',
  status: 'active',
  severity: 'major',
  count: 1,
  streetId: 'jiangnanzhong',
  streetName: '江南中街道',
  site: '庆祝广场',
  householdId: null,
  location: { lat: 23.108, lng: 113.27 },
  openedAt: '2030-01-01T12:00:00.000Z',
  lastDetectedAt: '2030-01-01T12:00:00.000Z',
  acknowledgedAt: null,
  clearedAt: null,
  noise: {
    limitDb: 55,
    period: 'night',
    levelDb: 68.2,
    peakDb: 71.4,
    trace: [
      { at: '2030-01-01T11:58:00.000Z', levelDb: 57.1 },
      { at: '2030-01-01T11:59:00.000Z', levelDb: 66 },
      { at: '2030-01-01T12:00:00.000Z', levelDb: 71.4 },
    ],
  },
  confidence: null,
  warnings: [],
  timeline: [{ at: '2030-01-01T12:00:00.000Z', action: 'opened', actor: null, note: null }],
};

/** A valid alarm for tests; the contract checks the result so fixtures cannot drift from it. */
export function makeAlarm(overrides: Partial<Alarm> = {}): Alarm {
  return alarmSchema.parse({ ...baseAlarm, ...overrides });
}

/** An indoor-charging alarm at a rented room. */
export function makeChargingAlarm(overrides: Partial<Alarm> = {}): Alarm {
  return makeAlarm({
    id: 'A-2',
    deviceId: 'charge-hz-1203',
    deviceType: 'charging_detector',
    type: 'indoor_charging',
    severity: 'critical',
    streetId: 'huazhou',
    streetName: '华洲街道',
    site: null,
    householdId: 'HZ-12-1203',
    location: { lat: 23.093, lng: 113.352 },
    noise: null,
    confidence: 0.93,
    ...overrides,
  });
}

const baseDevice: Device = {
  id: 'noise-qingzhu-01',
  type: 'noise_meter',
  streetId: 'jiangnanzhong',
  streetName: '江南中街道',
  location: { lat: 23.108, lng: 113.27 },
  zoneClass: '1',
  householdId: null,
  building: null,
  site: '庆祝广场',
  disabled: false,
  online: true,
  lastSeenAt: '2030-01-01T12:00:00.000Z',
  lastReading: { levelDb: 62.3, limitDb: 55, leq: 62.3, at: '2030-01-01T12:00:00.000Z' },
  credentialsRotatedAt: '2029-12-01T00:00:00.000Z',
};

export function makeDevice(overrides: Partial<Device> = {}): Device {
  return deviceSchema.parse({ ...baseDevice, ...overrides });
}
