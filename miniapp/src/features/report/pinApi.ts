import {
  mapConfigSchema,
  nearbyReportListSchema,
  reportSubmissionSchema,
  reverseGeocodeResultSchema,
  type CategoryCode,
  type JoinReportRequest,
  type LatLng,
  type NearbyReport,
  type ReportSubmission,
  type TileSource,
} from '@jiefang/contracts';
import { contractRoute } from '../../api/contractRoute';
import { apiClient } from '../../services';

const routes = {
  mapConfig: contractRoute('GET', '/api/map/config'),
  reverse: contractRoute('GET', '/api/geocode/reverse'),
  nearby: contractRoute('GET', '/api/reports/nearby'),
  join: contractRoute('POST', '/api/reports/:id/join'),
};

/** The calls of pin-first reporting (the outlines come from reportsApi.district): the map's tiles, the address, nearby tickets, joining. */
export const pinApi = {
  /** The configured tiles, or null (none configured, or the BFF could not say: draw the outlines only). */
  async tiles(): Promise<TileSource | null> {
    try {
      return (await apiClient.send(routes.mapConfig.to(), mapConfigSchema)).tiles;
    } catch {
      return null;
    }
  },

  /** The address at a WGS-84 point, or null (no geocoder, or it failed: the resident types it). */
  async addressAt(point: LatLng): Promise<string | null> {
    try {
      const query = { lat: point.lat.toFixed(6), lng: point.lng.toFixed(6) };
      return (await apiClient.send(routes.reverse.to({}, query), reverseGeocodeResultSchema)).address;
    } catch {
      return null;
    }
  },

  async nearby(point: LatLng, category?: CategoryCode | null): Promise<NearbyReport[]> {
    const query = { lat: point.lat.toFixed(6), lng: point.lng.toFixed(6), category: category ?? undefined };
    return (await apiClient.send(routes.nearby.to({}, query), nearbyReportListSchema)).items;
  },

  join: (ticketId: string, request: JoinReportRequest, idempotencyKey: string): Promise<ReportSubmission> =>
    apiClient.send(routes.join.to({ id: ticketId }), reportSubmissionSchema, request, {
      'Idempotency-Key': idempotencyKey,
    }),
};
