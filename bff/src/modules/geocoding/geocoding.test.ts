import { reverseGeocodeResultSchema, wgs84ToGcj02 } from '@jiefang/contracts';
import { chigangSite } from '../../testing/reportFixtures';
import { geocoderStandIn } from '../../testing/standIns/geocoderStandIn';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { amapGeocoder } from './geocoderProviders';

type StandIn = Awaited<ReturnType<typeof geocoderStandIn>>;

let t: TestApp;
let tencent: StandIn;
beforeAll(async () => {
  tencent = await geocoderStandIn({ provider: 'tencent', key: 'tencent-test-key' });
  t = await startTestApp('geocoding', {
    env: {
      GEOCODER: 'tencent',
      GEOCODER_KEY: 'tencent-test-key',
      GEOCODER_BASE_URL: tencent.url,
      GEOCODE_RATE_LIMIT: '6',
    },
  });
});
afterAll(async () => {
  await t.close();
  await tencent.close();
});
afterEach(() => expect(tencent.violations).toEqual([]));

const reverse = (token: string, point: { lat: number; lng: number }) =>
  t.http.get('/api/geocode/reverse').query(point).set('Authorization', `Bearer ${token}`);

describe('GET /api/geocode/reverse (Tencent)', () => {
  it('asks Tencent in GCJ-02 and answers the address, once per ~10 m cell', async () => {
    const resident = await t.loginAs('resident', '定位');
    tencent.answerNext({ address: '海珠区赤岗街道艺苑路 8 号附近' });
    const first = await reverse(resident.token, chigangSite).expect(200);
    expect(reverseGeocodeResultSchema.parse(first.body)).toEqual({
      address: '海珠区赤岗街道艺苑路 8 号附近',
    });
    const sent = tencent.received.at(-1)!;
    const expected = wgs84ToGcj02(chigangSite);
    expect(sent.lat).toBeCloseTo(expected.lat, 6);
    expect(sent.lng).toBeCloseTo(expected.lng, 6);

    const count = tencent.requests.length;
    const near = await reverse(resident.token, {
      lat: chigangSite.lat + 0.00002,
      lng: chigangSite.lng,
    }).expect(200);
    expect(near.body).toEqual({ address: '海珠区赤岗街道艺苑路 8 号附近' });
    expect(tencent.requests.length).toBe(count);
  });

  it('answers null, not an error, when Tencent fails or has no address', async () => {
    const resident = await t.loginAs('resident', '失败');
    tencent.answerNext({ error: true });
    expect((await reverse(resident.token, { lat: 23.11, lng: 113.31 }).expect(200)).body).toEqual({
      address: null,
    });
    tencent.answerNext({ httpStatus: 502 });
    expect((await reverse(resident.token, { lat: 23.111, lng: 113.31 }).expect(200)).body).toEqual({
      address: null,
    });
    tencent.answerNext({ nothing: true });
    expect((await reverse(resident.token, { lat: 23.112, lng: 113.31 }).expect(200)).body).toEqual({
      address: null,
    });
    // A failure is not cached: the next pin there asks again.
    const count = tencent.requests.length;
    tencent.answerNext({ address: '艺洲路' });
    expect((await reverse(resident.token, { lat: 23.11, lng: 113.31 }).expect(200)).body).toEqual({
      address: '艺洲路',
    });
    expect(tencent.requests.length).toBe(count + 1);
  });

  it('needs a signed-in caller and limits each to a few requests a minute', async () => {
    await t.http.get('/api/geocode/reverse').query(chigangSite).expect(401);
    const resident = await t.loginAs('resident', '频繁');
    await reverse(resident.token, { lat: 91, lng: 0 }).expect(400);
    let limited = 0;
    for (let i = 0; i < 7; i += 1) {
      const response = await reverse(resident.token, { lat: 23.12 + i * 0.001, lng: 113.3 });
      if (response.status === 429) limited += 1;
    }
    expect(limited).toBeGreaterThan(0);
  });
});

describe('AMap regeo', () => {
  it('sends lng,lat in GCJ-02 with the key and reads formatted_address', async () => {
    const amap = await geocoderStandIn({ provider: 'amap', key: 'amap-test-key' });
    try {
      amap.answerNext({ address: '广东省广州市海珠区赤岗街道' });
      await expect(amapGeocoder('amap-test-key', amap.url).addressAt(chigangSite)).resolves.toBe(
        '广东省广州市海珠区赤岗街道',
      );
      const expected = wgs84ToGcj02(chigangSite);
      expect(amap.received[0]!.lng).toBeCloseTo(expected.lng, 6);
      expect(amap.received[0]!.lat).toBeCloseTo(expected.lat, 6);
      amap.answerNext({ nothing: true });
      await expect(amapGeocoder('amap-test-key', amap.url).addressAt(chigangSite)).resolves.toBeNull();
      await expect(amapGeocoder('wrong-key', amap.url).addressAt(chigangSite)).rejects.toThrow(/status 0/);
      expect(amap.violations).toEqual(['missing or wrong key']);
    } finally {
      await amap.close();
    }
  });
});

describe('without a geocoder', () => {
  it('answers null and calls nobody', async () => {
    const plain = await startTestApp('geocoding_off', { background: false });
    try {
      const resident = await plain.loginAs('resident');
      const response = await plain.http
        .get('/api/geocode/reverse')
        .query(chigangSite)
        .set('Authorization', `Bearer ${resident.token}`)
        .expect(200);
      expect(response.body).toEqual({ address: null });
    } finally {
      await plain.close();
    }
  });
});
