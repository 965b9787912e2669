import {
  alarmListSchema,
  alarmSchema,
  noiseSitesSchema,
  type Alarm,
  type AlarmList,
  type AlarmStatus,
  type NoiseSites,
} from '@jiefang/contracts';
import type { ApiClient } from './client';
import { contractRoute, type RouteTarget } from './contractRoute';

const routes = {
  noiseSites: contractRoute('GET', '/api/noise/sites'),
  list: contractRoute('GET', '/api/alarms'),
  acknowledge: contractRoute('POST', '/api/alarms/:id/acknowledge'),
};

export interface NoiseSitesQuery {
  /** WGS-84; without a position the BFF returns every site (no distances). */
  lat?: number;
  lng?: number;
  radiusM?: number;
}

export interface AlarmsApi {
  /** GET /api/noise/sites: public noise levels near a point (or everywhere) and recent noise alarms. */
  noiseSites(query?: NoiseSitesQuery): Promise<NoiseSites>;
  /** GET /api/alarms?mine=1: alarms of the caller's own properties in the given statuses. */
  mine(statuses: readonly AlarmStatus[], options?: { offset?: number; limit?: number }): Promise<AlarmList>;
  /** POST /api/alarms/:id/acknowledge: the owner has seen it; answers the updated alarm. */
  acknowledge(id: string, note?: string): Promise<Alarm>;
}

/** The call of `noiseSites`: the position only when both halves are real numbers. */
export function noiseSitesTarget({ lat, lng, radiusM }: NoiseSitesQuery = {}): RouteTarget {
  const located = lat !== undefined && lng !== undefined && Number.isFinite(lat) && Number.isFinite(lng);
  return routes.noiseSites.to(
    {},
    {
      lat: located ? lat.toFixed(6) : undefined,
      lng: located ? lng.toFixed(6) : undefined,
      radiusM: radiusM !== undefined && Number.isFinite(radiusM) ? Math.round(radiusM) : undefined,
    },
  );
}

export function myAlarmsTarget(
  statuses: readonly AlarmStatus[],
  { offset = 0, limit = 50 }: { offset?: number; limit?: number } = {},
): RouteTarget {
  const status = [...new Set(statuses)];
  return routes.list.to({}, { mine: 1, status: status.length > 0 ? status : undefined, limit, offset });
}

export function createAlarmsApi(client: ApiClient): AlarmsApi {
  return {
    noiseSites: (query) => client.send(noiseSitesTarget(query), noiseSitesSchema),
    mine: (statuses, options) => client.send(myAlarmsTarget(statuses, options), alarmListSchema),
    acknowledge: (id, note) => {
      const trimmed = note?.trim();
      return client.send(routes.acknowledge.to({ id }), alarmSchema, trimmed ? { note: trimmed } : {});
    },
  };
}
