import type { Wgs84Point } from '@jiefang/contracts';
import { wgs84ToGcj02 } from '@jiefang/contracts';

/**
 * Where a map app should take the officer. Tickets keep WGS-84 (GPS) points; WeChat's openLocation and
 * mainland map apps draw GCJ-02, so the point is converted for them, or the pin is some hundred metres off.
 */
export function navigationTarget(point: Wgs84Point, name: string, address: string) {
  const gcj = wgs84ToGcj02(point);
  const label = name || address;
  return {
    /** For Taro.openLocation (mini-program). */
    openLocation: { latitude: gcj.lat, longitude: gcj.lng, name: label, address, scale: 17 },
    /** 高德's web link (H5), told the point is GCJ-02 ("gaode"), riding there. */
    amapUrl:
      `https://uri.amap.com/navigation?to=${gcj.lng.toFixed(6)},${gcj.lat.toFixed(6)},` +
      `${encodeURIComponent(label)}&mode=ride&coordinate=gaode&callnative=1`,
  };
}
