import { z } from 'zod';
import { categoryCodeSchema, ticketStatusSchema } from './reports';

/**
 * 附近已有人反映: before a resident submits, the open tickets near the pin, so they can join one with a tap
 * instead of reporting it again. Only what the public map would show plus counts: never another
 * reporter's name, description or photos, and the distance only as a band.
 */
export const nearbyReportPolicy = {
  /** Open tickets within this distance of the pin are shown, and may be joined. */
  radiusMeters: 150,
  /** At most this many, nearest first. */
  maxItems: 5,
} as const;

export const nearbyReportsQuerySchema = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
  category: categoryCodeSchema.optional(),
});
export type NearbyReportsQuery = z.infer<typeof nearbyReportsQuerySchema>;

export const distanceBands = ['within_50m', 'within_100m', 'within_150m'] as const;
export const distanceBandSchema = z.enum(distanceBands);
export type DistanceBand = z.infer<typeof distanceBandSchema>;

export const nearbyReportSchema = z.object({
  id: z.string(),
  category: categoryCodeSchema,
  categoryName: z.string(),
  status: ticketStatusSchema,
  distance: distanceBandSchema,
  reportedAt: z.string(),
  reporterCount: z.number().int().min(0),
  /** The caller has reported (or joined) it already. */
  mine: z.boolean(),
});
export type NearbyReport = z.infer<typeof nearbyReportSchema>;

export const nearbyReportListSchema = z.object({ items: z.array(nearbyReportSchema) });
export type NearbyReportList = z.infer<typeof nearbyReportListSchema>;

/**
 * POST /api/reports/:id/join (我也遇到), with an Idempotency-Key like a report: the resident's own point
 * (it must lie within the radius of the ticket) and, optionally, what they wrote so far. The joiner's
 * submission is kept on the ticket as their own; photos are not needed to join.
 */
export const joinReportRequestSchema = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  accuracy: z.number().min(0).max(10_000).optional(),
  address: z.string().trim().max(200, '地址不超过 200 个字').default(''),
  description: z.string().trim().max(500, '描述不超过 500 个字').default(''),
  anonymous: z.boolean().default(false),
});
export type JoinReportRequest = z.infer<typeof joinReportRequestSchema>;
