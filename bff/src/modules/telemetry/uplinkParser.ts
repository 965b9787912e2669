import {
  deviceCommandAckSchema,
  deviceEventSchema,
  deviceStatusSchema,
  maxDevicePayloadBytes,
  noiseTelemetrySchema,
  parseDeviceTopic,
  type DeviceCommandAck,
  type DeviceEvent,
  type DeviceStatus,
  type NoiseTelemetry,
} from '@jiefang/contracts';
import { uplinkTimeVerdict } from '../../domain/uplinkIdentity';

/**
 * One validated message from a device, whatever its channel, with the server's time of its arrival
 * (absent from entries stored by earlier releases).
 */
export type Uplink = { deviceId: string; receivedAt?: number } & (
  | { channel: 'telemetry'; body: NoiseTelemetry }
  | { channel: 'event'; body: DeviceEvent }
  | { channel: 'status'; body: DeviceStatus }
  | { channel: 'cmd/ack'; body: DeviceCommandAck }
);

export type UplinkRejection = 'foreign_topic' | 'oversized' | 'malformed' | 'out_of_time';

const schemas = {
  telemetry: noiseTelemetrySchema,
  event: deviceEventSchema,
  status: deviceStatusSchema,
  'cmd/ack': deviceCommandAckSchema,
} as const;

/**
 * Reads an MQTT message into an uplink of the contract, or says why it cannot be one. `nowMs` is
 * the server's clock: a device time far from it would date alarms and readings wrongly.
 */
export function parseUplink(
  topic: string,
  payload: Buffer,
  nowMs: number,
): { ok: true; uplink: Uplink } | { ok: false; reason: UplinkRejection; detail?: string } {
  const parsedTopic = parseDeviceTopic(topic);
  if (!parsedTopic || parsedTopic.channel === 'cmd') return { ok: false, reason: 'foreign_topic' };
  if (payload.length > maxDevicePayloadBytes) return { ok: false, reason: 'oversized' };
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed', detail: 'not JSON' };
  }
  const result = schemas[parsedTopic.channel].safeParse(json);
  if (!result.success) {
    return {
      ok: false,
      reason: 'malformed',
      detail: result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
    };
  }
  const verdict = uplinkTimeVerdict(result.data.ts, nowMs);
  // A Last Will is stamped when its connection opened, possibly weeks before the broker publishes it.
  const lastWill = 'status' in result.data && result.data.status === 'offline';
  if (verdict === 'ahead' || (verdict === 'stale' && !lastWill)) {
    return { ok: false, reason: 'out_of_time', detail: `ts ${result.data.ts} is ${verdict} of ${nowMs}` };
  }
  return {
    ok: true,
    uplink: {
      deviceId: parsedTopic.deviceId,
      receivedAt: nowMs,
      channel: parsedTopic.channel,
      body: result.data,
    } as Uplink,
  };
}
