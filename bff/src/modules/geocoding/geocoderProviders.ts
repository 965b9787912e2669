import { wgs84ToGcj02, type Wgs84Point } from '@jiefang/contracts';

export type GeocoderName = 'tencent' | 'amap';

export interface GeocoderProvider {
  name: GeocoderName;
  /** The address at a WGS-84 point; null when the provider has none there. Throws when it failed. */
  addressAt(point: Wgs84Point): Promise<string | null>;
}

export const defaultGeocoderBase: Record<GeocoderName, string> = {
  tencent: 'https://apis.map.qq.com',
  amap: 'https://restapi.amap.com',
};

/** A provider answering too slowly is a failure: the resident types the address instead. */
const timeoutMs = 3000;

/** Both providers take GCJ-02, to 6 decimals (about 0.1 m). */
const gcj = (point: Wgs84Point) => {
  const converted = wgs84ToGcj02(point);
  return { lat: converted.lat.toFixed(6), lng: converted.lng.toFixed(6) };
};

async function getJson(url: URL): Promise<Record<string, unknown>> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`geocoder answered HTTP ${response.status}`);
  const body = (await response.json()) as unknown;
  if (!body || typeof body !== 'object') throw new Error('geocoder answered no object');
  return body as Record<string, unknown>;
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);

/**
 * Tencent Location Service WebService 逆地址解析: GET /ws/geocoder/v1/?location=<lat>,<lng>&key=<key>, GCJ-02,
 * latitude first. `status` 0 is success; `result.formatted_addresses.recommend` is the friendlier
 * name ("海珠区赤岗街道…附近"), `result.address` the plain one.
 */
export function tencentGeocoder(key: string, base = defaultGeocoderBase.tencent): GeocoderProvider {
  return {
    name: 'tencent',
    async addressAt(point) {
      const { lat, lng } = gcj(point);
      const url = new URL('/ws/geocoder/v1/', base);
      url.searchParams.set('location', `${lat},${lng}`);
      url.searchParams.set('key', key);
      const body = await getJson(url);
      if (body.status !== 0) throw new Error(`tencent geocoder status ${String(body.status)}`);
      const result = (body.result ?? {}) as {
        address?: unknown;
        formatted_addresses?: { recommend?: unknown };
      };
      return text(result.formatted_addresses?.recommend) ?? text(result.address);
    },
  };
}

/**
 * AMap (高德) Web 服务 逆地理编码: GET /v3/geocode/regeo?key=<key>&location=<lng>,<lat>, GCJ-02, longitude
 * first. `status` "1" is success; `regeocode.formatted_address` is a string, or [] where there is none.
 */
export function amapGeocoder(key: string, base = defaultGeocoderBase.amap): GeocoderProvider {
  return {
    name: 'amap',
    async addressAt(point) {
      const { lat, lng } = gcj(point);
      const url = new URL('/v3/geocode/regeo', base);
      url.searchParams.set('key', key);
      url.searchParams.set('location', `${lng},${lat}`);
      const body = await getJson(url);
      if (body.status !== '1')
        throw new Error(`amap geocoder status ${String(body.status)} ${String(body.info)}`);
      const regeocode = (body.regeocode ?? {}) as { formatted_address?: unknown };
      return text(regeocode.formatted_address);
    },
  };
}

export function geocoderProvider(config: {
  GEOCODER?: GeocoderName | undefined;
  GEOCODER_KEY?: string | undefined;
  GEOCODER_BASE_URL?: string | undefined;
}): GeocoderProvider | null {
  if (!config.GEOCODER || !config.GEOCODER_KEY) return null;
  const base = config.GEOCODER_BASE_URL ?? defaultGeocoderBase[config.GEOCODER];
  return config.GEOCODER === 'tencent'
    ? tencentGeocoder(config.GEOCODER_KEY, base)
    : amapGeocoder(config.GEOCODER_KEY, base);
}
