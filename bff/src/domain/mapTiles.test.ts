import { tileSourceSchema } from '@jiefang/contracts';
import { parseMapTiles, tileOrigins, tilePresets } from './mapTiles';

describe('parseMapTiles', () => {
  it('draws no tiles unless told to', () => {
    expect(parseMapTiles(undefined)).toEqual({ ok: true, tiles: null, source: 'none' });
    expect(parseMapTiles('')).toEqual({ ok: true, tiles: null, source: 'none' });
    expect(parseMapTiles('none')).toEqual({ ok: true, tiles: null, source: 'none' });
  });

  it('marks the Chinese providers as GCJ-02 and names them in the attribution', () => {
    const amap = parseMapTiles('amap');
    const tencent = parseMapTiles('tencent');
    expect(amap).toMatchObject({ ok: true, source: 'amap', tiles: { coordinateSystem: 'gcj02' } });
    expect(tencent).toMatchObject({ ok: true, source: 'tencent', tiles: { coordinateSystem: 'gcj02' } });
    expect(amap.ok && amap.tiles?.attribution).toContain('高德地图');
    expect(tencent.ok && tencent.tiles?.attribution).toContain('腾讯地图');
    expect(amap.ok && amap.tiles?.subdomains).toEqual(['1', '2', '3', '4']);
    // Tencent counts rows from the south.
    expect(tencent.ok && tencent.tiles?.urlTemplate).toContain('y={-y}');
    expect(parseMapTiles('osm')).toMatchObject({ ok: true, tiles: { coordinateSystem: 'wgs84' } });
  });

  it('keeps every preset a valid tile source', () => {
    for (const preset of Object.values(tilePresets))
      expect(() => tileSourceSchema.parse(preset)).not.toThrow();
  });

  it('takes a JSON tile source, with the contract defaults', () => {
    const result = parseMapTiles(
      JSON.stringify({
        urlTemplate: '/tiles/{z}/{x}/{y}.png',
        coordinateSystem: 'wgs84',
        attribution: '本地瓦片',
      }),
    );
    expect(result).toEqual({
      ok: true,
      source: 'custom',
      tiles: {
        urlTemplate: '/tiles/{z}/{x}/{y}.png',
        subdomains: [],
        coordinateSystem: 'wgs84',
        attribution: '本地瓦片',
        minZoom: 3,
        maxZoom: 18,
      },
    });
  });

  it.each([
    ['google', /must be none, osm, amap, tencent/],
    ['{"urlTemplate":', /not valid JSON/],
    [
      '{"urlTemplate":"https://t/{z}/{x}/{y}.png","coordinateSystem":"bd09","attribution":"x"}',
      /coordinateSystem/,
    ],
    ['{"urlTemplate":"https://t/{z}/{x}/{y}.png","coordinateSystem":"wgs84"}', /attribution/],
    ['{"urlTemplate":"javascript:alert(1)","coordinateSystem":"wgs84","attribution":"x"}', /http\(s\) URL/],
    [
      '{"urlTemplate":"https://t/{z}/{x}/{y}.png","coordinateSystem":"wgs84","attribution":"x","minZoom":15,"maxZoom":10}',
      /minZoom/,
    ],
  ])('refuses %s', (setting, message) => {
    const result = parseMapTiles(setting);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });
});

describe('tileOrigins', () => {
  it('lists each subdomain’s origin for the content security policy', () => {
    const amap = parseMapTiles('amap');
    expect(tileOrigins(amap.ok ? amap.tiles : null)).toEqual([
      'https://webrd01.is.autonavi.com',
      'https://webrd02.is.autonavi.com',
      'https://webrd03.is.autonavi.com',
      'https://webrd04.is.autonavi.com',
    ]);
    const osm = parseMapTiles('osm');
    expect(tileOrigins(osm.ok ? osm.tiles : null)).toEqual(['https://tile.openstreetmap.org']);
  });

  it('needs none for no tiles or tiles served by this server', () => {
    expect(tileOrigins(null)).toEqual([]);
    const local = parseMapTiles(
      '{"urlTemplate":"/tiles/{z}/{x}/{y}.png","coordinateSystem":"wgs84","attribution":"x"}',
    );
    expect(tileOrigins(local.ok ? local.tiles : null)).toEqual([]);
  });
});
