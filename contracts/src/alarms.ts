import { z } from 'zod';
import { deviceTypeSchema } from './mqtt';

export const alarmTypes = ['noise_exceeded', 'indoor_charging', 'smoke', 'offline'] as const;
export const alarmTypeSchema = z.enum(alarmTypes);
export type AlarmType = z.infer<typeof alarmTypeSchema>;

export const alarmStatuses = ['active', 'acknowledged', 'cleared'] as const;
export const alarmStatusSchema = z.enum(alarmStatuses);
export type AlarmStatus = z.infer<typeof alarmStatusSchema>;

export const alarmSeverities = ['minor', 'major', 'critical'] as const;
export const alarmSeveritySchema = z.enum(alarmSeverities);
export type AlarmSeverity = z.infer<typeof alarmSeveritySchema>;

/** The steps an alarm's timeline records; clients label these and show any other action as it is. */
export const alarmTimelineActions = [
  'opened',
  'repeated',
  'warning_sent',
  'warning_acked',
  'warning_failed',
  'owners_notified',
  'staff_notified',
  'escalated',
  'ticket_opened',
  'acknowledged',
  'cleared',
  'auto_cleared',
] as const;

export const alarmTimelineEntrySchema = z.object({
  at: z.string(),
  action: z.string(),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  note: z.string().nullable(),
});
export type AlarmTimelineEntry = z.infer<typeof alarmTimelineEntrySchema>;

/** One remote warning sent to a device, with the device's answer once it arrives. */
export const remoteWarningSchema = z.object({
  messageId: z.string(),
  sentAt: z.string(),
  automatic: z.boolean(),
  text: z.string().nullable(),
  ackAt: z.string().nullable(),
  ok: z.boolean().nullable(),
});
export type RemoteWarning = z.infer<typeof remoteWarningSchema>;

/** A sample of the episode's 1-minute equivalent level, kept as evidence. */
export const noiseSampleSchema = z.object({ at: z.string(), levelDb: z.number() });
export type NoiseSample = z.infer<typeof noiseSampleSchema>;

export const alarmSchema = z.object({
  id: z.string(),
  deviceId: z.string(),
  deviceType: deviceTypeSchema,
  type: alarmTypeSchema,
  status: alarmStatusSchema,
  severity: alarmSeveritySchema,
  /** Detections folded into this alarm while it was open (1 at opening). */
  count: z.number().int().min(1),
  ticketId: z.string().optional(),
  streetId: z.string(),
  streetName: z.string().nullable(),
  site: z.string().nullable(),
  householdId: z.string().nullable(),
  location: z.object({ lat: z.number(), lng: z.number() }),
  openedAt: z.string(),
  lastDetectedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  clearedAt: z.string().nullable(),
  /** Noise alarms: the limit that applied and the latest and highest 1-minute levels. */
  noise: z
    .object({
      limitDb: z.number(),
      period: z.enum(['day', 'night']),
      levelDb: z.number(),
      peakDb: z.number(),
      trace: z.array(noiseSampleSchema),
    })
    .nullable(),
  /** Detector alarms: the highest confidence seen. */
  confidence: z.number().nullable(),
  warnings: z.array(remoteWarningSchema),
  timeline: z.array(alarmTimelineEntrySchema),
});
export type Alarm = z.infer<typeof alarmSchema>;

export const alarmListQuerySchema = z.object({
  deviceId: z.string().max(64).optional(),
  type: alarmTypeSchema.optional(),
  /** One status or several separated by commas, e.g. `active,acknowledged`. */
  status: z
    .string()
    .regex(
      /^(active|acknowledged|cleared)(,(active|acknowledged|cleared))*$/,
      '状态：active、acknowledged、cleared',
    )
    .optional(),
  street: z.string().max(40).optional(),
  /** `1`: only alarms of the caller's own properties (property owners). */
  mine: z.enum(['1']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type AlarmListQuery = z.infer<typeof alarmListQuerySchema>;

export const alarmListSchema = z.object({ items: z.array(alarmSchema), total: z.number().int() });
export type AlarmList = z.infer<typeof alarmListSchema>;

export const alarmNoteRequestSchema = z.object({ note: z.string().trim().max(200).optional() });
export type AlarmNoteRequest = z.infer<typeof alarmNoteRequestSchema>;

/** A warning sent by hand from the console; the device plays `text` when it supports speech. */
export const remoteWarningRequestSchema = z.object({ text: z.string().trim().min(1).max(100).optional() });
export type RemoteWarningRequest = z.infer<typeof remoteWarningRequestSchema>;

/** Pushed on `GET /api/alarms/events` (server-sent events) whenever an alarm changes. */
export const alarmEventSchema = z.object({ type: z.literal('alarm'), alarm: alarmSchema });
export type AlarmEvent = z.infer<typeof alarmEventSchema>;

/** Public noise level of one monitoring site, for residents (`GET /api/noise/sites`). */
export const noiseSiteSchema = z.object({
  deviceId: z.string(),
  site: z.string().nullable(),
  streetName: z.string().nullable(),
  location: z.object({ lat: z.number(), lng: z.number() }),
  distanceM: z.number().nullable(),
  online: z.boolean(),
  /** Latest 1-minute equivalent level, null before the first full minute. */
  levelDb: z.number().nullable(),
  limitDb: z.number(),
  period: z.enum(['day', 'night']),
  updatedAt: z.string().nullable(),
  alarmActive: z.boolean(),
});
export type NoiseSite = z.infer<typeof noiseSiteSchema>;

export const noiseSitesQuerySchema = z.object({
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  radiusM: z.coerce.number().int().min(100).max(20_000).default(3_000),
});
export type NoiseSitesQuery = z.infer<typeof noiseSitesQuerySchema>;

/** A resident-facing summary of a recent noise alarm: no household data, no warnings' text. */
export const publicNoiseAlarmSchema = z.object({
  id: z.string(),
  deviceId: z.string(),
  site: z.string().nullable(),
  status: alarmStatusSchema,
  openedAt: z.string(),
  clearedAt: z.string().nullable(),
  peakDb: z.number(),
  limitDb: z.number(),
});
export type PublicNoiseAlarm = z.infer<typeof publicNoiseAlarmSchema>;

export const noiseSitesSchema = z.object({
  items: z.array(noiseSiteSchema),
  recentAlarms: z.array(publicNoiseAlarmSchema),
});
export type NoiseSites = z.infer<typeof noiseSitesSchema>;

/** Recent downsampled history of one device (`GET /api/devices/:id/readings`), oldest first. */
export const deviceReadingsSchema = z.object({
  deviceId: z.string(),
  items: z.array(z.object({ at: z.string(), levelDb: z.number().nullable(), maxDb: z.number().nullable() })),
});
export type DeviceReadings = z.infer<typeof deviceReadingsSchema>;
