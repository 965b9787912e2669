import { z } from 'zod';

export const deviceTypes = ['noise_meter', 'charging_detector', 'smoke_detector'] as const;
export const deviceTypeSchema = z.enum(deviceTypes);
export type DeviceType = z.infer<typeof deviceTypeSchema>;

/** Device ids appear in topic names, so they are limited to characters that are safe there. */
export const deviceIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{3,64}$/, 'device id: 3–64 letters, digits, "-" or "_"');

export const deviceTopics = {
  telemetry: (deviceId: string) => `devices/${deviceId}/telemetry`,
  event: (deviceId: string) => `devices/${deviceId}/event`,
  status: (deviceId: string) => `devices/${deviceId}/status`,
  command: (deviceId: string) => `devices/${deviceId}/cmd`,
  commandAck: (deviceId: string) => `devices/${deviceId}/cmd/ack`,
};

/** The largest time a JavaScript Date can hold (ms): a stamp beyond it is no time at all. */
export const maxDeviceTimestamp = 8_640_000_000_000_000;

/** Device time in ms since the epoch; the BFF also refuses stamps far from its own clock. */
export const deviceTimestampSchema = z.number().int().positive().max(maxDeviceTimestamp);

/** A device's message counter: restarts (at 0 or 1) when the device reboots. */
export const deviceSeqSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

const envelope = {
  ts: deviceTimestampSchema,
  seq: deviceSeqSchema,
};

export const deviceStatusSchema = z.object({
  ...envelope,
  status: z.enum(['online', 'offline']),
  type: deviceTypeSchema.optional(),
  firmware: z.string().max(40).optional(),
});
export type DeviceStatus = z.infer<typeof deviceStatusSchema>;

/** Parses a topic of the contract into its device id and channel, or null for any other topic. */
export function parseDeviceTopic(
  topic: string,
): { deviceId: string; channel: 'telemetry' | 'event' | 'status' | 'cmd' | 'cmd/ack' } | null {
  const match = /^devices\/([A-Za-z0-9_-]{3,64})\/(telemetry|event|status|cmd|cmd\/ack)$/.exec(topic);
  if (!match) return null;
  return { deviceId: match[1] as string, channel: match[2] as 'telemetry' };
}

/** Downlink on `devices/{id}/cmd`, e.g. `{ ts, messageId: "w-123", action: "voice_warning", params: { text } }`. */
export const deviceCommandSchema = z.object({
  ts: z.number().int().positive(),
  /** Chosen by the sender; the device echoes it in the ack, so the sender can match and deduplicate. */
  messageId: z.string().min(1).max(64),
  action: z.string().min(1).max(40),
  params: z.record(z.string(), z.unknown()).optional(),
});
export type DeviceCommand = z.infer<typeof deviceCommandSchema>;

/** Uplink on `devices/{id}/cmd/ack`: the device's answer to one command. */
export const deviceCommandAckSchema = z.object({
  ...envelope,
  messageId: z.string().min(1).max(64),
  ok: z.boolean(),
  error: z.string().max(200).optional(),
});
export type DeviceCommandAck = z.infer<typeof deviceCommandAckSchema>;

/** Largest uplink payload the bridge reads; anything longer is counted as oversized and dropped. */
export const maxDevicePayloadBytes = 4_096;

/** Uplink on `devices/{id}/telemetry` from a noise meter: A-weighted equivalent level over its interval. */
export const noiseTelemetrySchema = z.object({
  ...envelope,
  leq: z.number().min(0).max(160),
  /** Length of the measuring interval ending at `ts`, ms (default 1 s). */
  intervalMs: z.number().int().min(100).max(600_000).default(1_000),
});
export type NoiseTelemetry = z.infer<typeof noiseTelemetrySchema>;

export const deviceEventTypes = ['charging_detected', 'smoke_detected'] as const;
export const deviceEventTypeSchema = z.enum(deviceEventTypes);
export type DeviceEventType = z.infer<typeof deviceEventTypeSchema>;

/** Uplink on `devices/{id}/event`: a detection, with the detector's confidence in [0, 1]. */
export const deviceEventSchema = z.object({
  ...envelope,
  type: deviceEventTypeSchema,
  confidence: z.number().min(0).max(1),
});
export type DeviceEvent = z.infer<typeof deviceEventSchema>;

/** The command a noise meter understands: play its recorded warning through its loudspeaker. */
export const playWarningAction = 'play_warning';

/** A device's broker role (Mosquitto dynamic security): publish only its own uplink topics, subscribe only to its own commands. */
export function deviceBrokerAcls(deviceId: string) {
  return [
    { acltype: 'publishClientSend', topic: deviceTopics.telemetry(deviceId), allow: true },
    { acltype: 'publishClientSend', topic: deviceTopics.event(deviceId), allow: true },
    { acltype: 'publishClientSend', topic: deviceTopics.status(deviceId), allow: true },
    { acltype: 'publishClientSend', topic: deviceTopics.commandAck(deviceId), allow: true },
    { acltype: 'subscribePattern', topic: deviceTopics.command(deviceId), allow: true },
    { acltype: 'publishClientReceive', topic: deviceTopics.command(deviceId), allow: true },
  ];
}
