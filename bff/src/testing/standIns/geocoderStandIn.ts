import { standInServer, type StandInRequest } from './standInServer';

/** What the stand-in answers next: an address, no address there, the provider's error, or a 5xx. */
export type GeocoderAnswer =
  { address: string } | { nothing: true } | { error: true } | { httpStatus: number };

/**
 * Reverse geocoding as Tencent (WebService /ws/geocoder/v1/, `location=lat,lng`) or AMap (/v3/geocode/regeo,
 * `location=lng,lat`) document it: a GET with the key and a GCJ-02 location of at most 6 decimals. Each
 * received location is kept as a point (`received`); anything off the documented request goes into
 * `violations` and gets the provider's own error. Unqueued requests get a made-up street address.
 */
export async function geocoderStandIn(options: { provider: 'tencent' | 'amap'; key: string }) {
  const violations: string[] = [];
  const received: Array<{ lat: number; lng: number }> = [];
  const queued: GeocoderAnswer[] = [];
  const tencent = options.provider === 'tencent';

  const refusal = () =>
    tencent
      ? { json: { status: 311, message: 'key格式错误' } }
      : { json: { status: '0', info: 'INVALID_USER_KEY', infocode: '10001' } };

  const check = (request: StandInRequest): string | null => {
    if (request.method !== 'GET') return `method ${request.method}, expected GET`;
    const path = tencent ? '/ws/geocoder/v1/' : '/v3/geocode/regeo';
    if (request.path !== path) return `path ${request.path}, expected ${path}`;
    if (request.query.get('key') !== options.key) return 'missing or wrong key';
    const match = /^(-?\d{1,3}\.\d{1,6}),(-?\d{1,3}\.\d{1,6})$/.exec(request.query.get('location') ?? '');
    if (!match) return `location ${request.query.get('location')} is not two numbers of at most 6 decimals`;
    const [first, second] = [Number(match[1]), Number(match[2])];
    const point = tencent ? { lat: first, lng: second } : { lat: second, lng: first };
    if (Math.abs(point.lat) > 90 || Math.abs(point.lng) > 180)
      return 'location out of range (order swapped?)';
    received.push(point);
    return null;
  };

  const server = await standInServer((request) => {
    const problem = check(request);
    if (problem) {
      violations.push(problem);
      return refusal();
    }
    const answer = queued.shift() ?? { address: '广东省广州市海珠区赤岗街道艺苑路 1 号' };
    if ('httpStatus' in answer) return { status: answer.httpStatus, json: { message: 'unavailable' } };
    if ('error' in answer)
      return tencent
        ? { json: { status: 120, message: '此key每秒请求量已达到上限' } }
        : { json: { status: '0', info: 'CUQPS_HAS_EXCEEDED_THE_LIMIT', infocode: '10019' } };
    if ('nothing' in answer)
      return tencent
        ? { json: { status: 0, message: 'query ok', result: { address: '' } } }
        : { json: { status: '1', info: 'OK', regeocode: { formatted_address: [] } } };
    return tencent
      ? {
          json: {
            status: 0,
            message: 'query ok',
            result: { address: answer.address, formatted_addresses: { recommend: answer.address } },
          },
        }
      : {
          json: {
            status: '1',
            info: 'OK',
            infocode: '10000',
            regeocode: { formatted_address: answer.address },
          },
        };
  });

  return {
    url: server.url,
    requests: server.requests,
    received,
    violations,
    answerNext: (answer: GeocoderAnswer) => queued.push(answer),
    close: server.close,
  };
}
