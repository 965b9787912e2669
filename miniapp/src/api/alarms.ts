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

/** The query string of `noiseSites`: the position only when both halves are real numbers. */
export function noiseSitesPath({ lat, lng, radiusM }: NoiseSitesQuery = {}): string {
  const params: string[] = [];
  if (lat !== undefined && lng !== undefined && Number.isFinite(lat) && Number.isFinite(lng)) {
    params.push(`lat=${lat.toFixed(6)}`, `lng=${lng.toFixed(6)}`);
  }
  if (radiusM !== undefined && Number.isFinite(radiusM)) params.push(`radiusM=${Math.round(radiusM)}`);
  return params.length > 0 ? `/api/noise/sites?${params.join('&')}` : '/api/noise/sites';
}

export function myAlarmsPath(
  statuses: readonly AlarmStatus[],
  { offset = 0, limit = 50 }: { offset?: number; limit?: number } = {},
): string {
  const status = [...new Set(statuses)].join(',');
  return `/api/alarms?mine=1${status ? `&status=${status}` : ''}&limit=${limit}&offset=${offset}`;
}

export function createAlarmsApi(client: ApiClient): AlarmsApi {
  return {
    noiseSites: (query) => client.get(noiseSitesPath(query), noiseSitesSchema),
    mine: (statuses, options) => client.get(myAlarmsPath(statuses, options), alarmListSchema),
    acknowledge: (id, note) => {
      const trimmed = note?.trim();
      return client.post(
        `/api/alarms/${encodeURIComponent(id)}/acknowledge`,
        trimmed ? { note: trimmed } : {},
        alarmSchema,
      );
    },
  };
}
