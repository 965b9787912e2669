import { z } from 'zod';
import { deviceIdSchema, deviceTypeSchema } from './mqtt';
import { householdIdSchema } from './households';

export const noiseZoneClassSchema = z.enum(['0', '1', '2', '3', '4a', '4b']);
export type NoiseZoneClass = z.infer<typeof noiseZoneClassSchema>;

export const registerDeviceRequestSchema = z
  .object({
    id: deviceIdSchema,
    type: deviceTypeSchema,
    street: z.string().trim().min(1).max(40),
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
    zoneClass: noiseZoneClassSchema.optional(),
    householdId: householdIdSchema.optional(),
    building: z.string().trim().max(60).optional(),
    site: z.string().trim().max(60).optional(),
  })
  .superRefine((request, context) => {
    if (request.type === 'noise_meter' && !request.zoneClass) {
      context.addIssue({ code: 'custom', path: ['zoneClass'], message: '噪声监测点需要声环境功能区类别' });
    }
    if (request.type !== 'noise_meter' && !request.householdId) {
      context.addIssue({ code: 'custom', path: ['householdId'], message: '充电与烟感探测器需要住户编号' });
    }
  });
export type RegisterDeviceRequest = z.infer<typeof registerDeviceRequestSchema>;

export const updateDeviceRequestSchema = z
  .object({
    street: z.string().trim().min(1).max(40),
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
    zoneClass: noiseZoneClassSchema,
    householdId: householdIdSchema,
    building: z.string().trim().max(60),
    site: z.string().trim().max(60),
    disabled: z.boolean(),
  })
  .partial()
  .refine((request) => Object.keys(request).length > 0, '至少修改一项');
export type UpdateDeviceRequest = z.infer<typeof updateDeviceRequestSchema>;

/** Shown once, at registration or rotation: the secret is stored only as a hash. */
export const deviceCredentialsSchema = z.object({ id: z.string(), secret: z.string(), mqttUrl: z.string() });
export type DeviceCredentials = z.infer<typeof deviceCredentialsSchema>;

export const deviceSchema = z.object({
  id: z.string(),
  type: deviceTypeSchema,
  streetId: z.string(),
  streetName: z.string().nullable(),
  location: z.object({ lat: z.number(), lng: z.number() }),
  zoneClass: noiseZoneClassSchema.nullable(),
  householdId: z.string().nullable(),
  building: z.string().nullable(),
  site: z.string().nullable(),
  disabled: z.boolean(),
  online: z.boolean(),
  lastSeenAt: z.string().nullable(),
  lastReading: z.record(z.string(), z.unknown()).nullable(),
  credentialsRotatedAt: z.string(),
});
export type Device = z.infer<typeof deviceSchema>;

export const deviceListQuerySchema = z.object({
  type: deviceTypeSchema.optional(),
  street: z.string().max(40).optional(),
  online: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type DeviceListQuery = z.infer<typeof deviceListQuerySchema>;

export const deviceListSchema = z.object({ items: z.array(deviceSchema), total: z.number().int() });
export type DeviceList = z.infer<typeof deviceListSchema>;

/** GET /api/devices/:id/readings: how many minutes of a meter's history, five minutes to a day. */
export const deviceReadingsQuerySchema = z.object({
  minutes: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60),
});
export type DeviceReadingsQuery = z.infer<typeof deviceReadingsQuerySchema>;
