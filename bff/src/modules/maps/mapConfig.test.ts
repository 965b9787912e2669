import { mapConfigSchema } from '@jiefang/contracts';
import { startTestApp, type TestApp } from '../../testing/testApp';

describe('GET /api/map/config', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('says there are no tiles by default, so maps draw the district outlines', async () => {
    t = await startTestApp('map-config-none', { background: false });
    const { body, headers } = await t.http.get('/api/map/config').expect(200);
    expect(mapConfigSchema.parse(body)).toEqual({ tiles: null });
    expect(headers['cache-control']).toBe('public, max-age=300');
    // No tile host is let into the page's images.
    expect(headers['content-security-policy']).toContain("img-src 'self' data: blob:;");
  });

  it('serves the AMap preset as GCJ-02 with its attribution, and lets its tiles into the page', async () => {
    t = await startTestApp('map-config-amap', { env: { MAP_TILES: 'amap' }, background: false });
    const { body, headers } = await t.http.get('/api/map/config').expect(200);
    const config = mapConfigSchema.parse(body);
    expect(config.tiles).toMatchObject({
      coordinateSystem: 'gcj02',
      attribution: '© 高德地图',
      subdomains: ['1', '2', '3', '4'],
    });
    expect(headers['content-security-policy']).toContain('https://webrd01.is.autonavi.com');
    expect(headers['content-security-policy']).toContain('https://webrd04.is.autonavi.com');
  });

  it('serves a JSON tile source as configured, with the contract defaults', async () => {
    const source = {
      urlTemplate: '/tiles/{z}/{x}/{y}.png',
      coordinateSystem: 'wgs84',
      attribution: '本地瓦片',
    };
    t = await startTestApp('map-config-json', {
      env: { MAP_TILES: JSON.stringify(source) },
      background: false,
    });
    const { body } = await t.http.get('/api/map/config').expect(200);
    expect(body).toEqual({ tiles: { ...source, subdomains: [], minZoom: 3, maxZoom: 18 } });
  });

  it('refuses to start with a tile setting it does not understand', async () => {
    await expect(startTestApp('map-config-bad', { env: { MAP_TILES: 'google' } })).rejects.toThrow(
      /MAP_TILES must be none, osm, amap, tencent/,
    );
  });
});
