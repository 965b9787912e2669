import { deviceStatusSchema, parseDeviceTopic } from './mqtt';

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
