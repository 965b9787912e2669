import { deviceEventSchema, deviceStatusSchema, maxDeviceTimestamp, parseDeviceTopic } from './mqtt';

describe('parseDeviceTopic', () => {
  it('splits a contract topic into device id and channel', () => {
    expect(parseDeviceTopic('devices/noise-001/telemetry')).toEqual({
      deviceId: 'noise-001',
      channel: 'telemetry',
    });
    expect(parseDeviceTopic('devices/smoke_9/cmd/ack')).toEqual({ deviceId: 'smoke_9', channel: 'cmd/ack' });
  });

  it('rejects topics outside the contract', () => {
    expect(parseDeviceTopic('devices/a/telemetry')).toBeNull();
    expect(parseDeviceTopic('devices/noise-001/other')).toBeNull();
    expect(parseDeviceTopic('devices/../x/telemetry')).toBeNull();
  });
});

describe('deviceStatusSchema', () => {
  it('accepts an online heartbeat and refuses a missing seq', () => {
    expect(deviceStatusSchema.safeParse({ ts: 1, seq: 0, status: 'online' }).success).toBe(true);
    expect(deviceStatusSchema.safeParse({ ts: 1, status: 'online' }).success).toBe(false);
  });
});

describe('deviceEventSchema', () => {
  const event = { ts: 1_795_000_000_000, seq: 1, type: 'smoke_detected', confidence: 0.99 };

  it('refuses a time no Date can hold and a seq beyond the safe integers', () => {
    expect(deviceEventSchema.safeParse(event).success).toBe(true);
    expect(deviceEventSchema.safeParse({ ...event, ts: maxDeviceTimestamp }).success).toBe(true);
    expect(deviceEventSchema.safeParse({ ...event, ts: 9e15, seq: 2e9 }).success).toBe(false);
    expect(deviceEventSchema.safeParse({ ...event, seq: 2 ** 53 }).success).toBe(false);
    expect(deviceEventSchema.safeParse({ ...event, seq: 2e9 }).success).toBe(true);
  });
});
