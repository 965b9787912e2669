import { z } from 'zod';

/**
 * GET /api/geocode/reverse: the street address at a WGS-84 point, from the geocoder the deployment
 * configured (Tencent or AMap). `address` is null when none is configured or the provider failed: the
 * resident then types the address, so a geocoder outage never stops a report.
 */
export const reverseGeocodeQuerySchema = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
});
export type ReverseGeocodeQuery = z.infer<typeof reverseGeocodeQuerySchema>;

export const reverseGeocodeResultSchema = z.object({ address: z.string().nullable() });
export type ReverseGeocodeResult = z.infer<typeof reverseGeocodeResultSchema>;
