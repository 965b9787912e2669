import type { LatLng } from '@jiefang/contracts';
import { createAlarmsApi } from '../../api/alarms';
import { apiClient } from '../../services';
import { locateWgs84 } from '../report/location';

export const alarmsApi = createAlarmsApi(apiClient);

/** The user's position in WGS-84 (as 随手拍 gets it), or undefined when refused or unavailable. */
export async function locateForNoise(): Promise<LatLng | undefined> {
  try {
    const { lat, lng } = await locateWgs84();
    return Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng } : undefined;
  } catch {
    return undefined;
  }
}
