import Taro from '@tarojs/taro';
import { gcj02ToWgs84 } from '@jiefang/contracts';
import type { ReportLocation } from './draft';

const isH5 = process.env.TARO_ENV === 'h5';

/**
 * The resident's position in WGS-84: `getLocation({ type: 'wgs84' })` in the mini-program, the browser's
 * geolocation (WGS-84 by definition) in H5. Rejects when refused or unavailable.
 */
export function locateWgs84(): Promise<ReportLocation> {
  if (isH5) {
    return new Promise((resolve, reject) => {
      if (typeof navigator === 'undefined' || !navigator.geolocation) {
        reject(new Error('geolocation unavailable'));
        return;
      }
      navigator.geolocation.getCurrentPosition(
        (position) =>
          resolve({
            lat: position.coords.latitude,
            lng: position.coords.longitude,
            accuracy: position.coords.accuracy,
            source: 'gps',
          }),
        (error) => reject(new Error(error.message || 'geolocation refused')),
        { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 },
      );
    });
  }
  return Taro.getLocation({ type: 'wgs84', isHighAccuracy: true, highAccuracyExpireTime: 4000 }).then(
    (result) => ({
      lat: result.latitude,
      lng: result.longitude,
      accuracy: result.accuracy,
      source: 'gps',
    }),
  );
}

/** Whether this platform can pick a point on a map (WeChat's chooseLocation; H5 would need a map key). */
export const canPickOnMap = !isH5;

/**
 * WeChat's map picker. It answers in GCJ-02, which is converted to WGS-84 here; undefined when the
 * resident cancelled.
 */
export async function pickOnMap(
  near?: ReportLocation,
): Promise<{ location: ReportLocation; address: string } | undefined> {
  try {
    const result = await Taro.chooseLocation(near ? { latitude: near.lat, longitude: near.lng } : {});
    if (!Number.isFinite(result.latitude) || !Number.isFinite(result.longitude)) return undefined;
    const wgs = gcj02ToWgs84({ lat: result.latitude, lng: result.longitude });
    return {
      location: { lat: wgs.lat, lng: wgs.lng, source: 'map', label: result.name || result.address },
      address: [result.address, result.name].filter(Boolean).join(' '),
    };
  } catch {
    return undefined;
  }
}
