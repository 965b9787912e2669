import { tileSourceSchema, type TileSource } from '@jiefang/contracts';

/**
 * Tile sources by name. AMap (高德) and Tencent (腾讯) draw their raster tiles in GCJ-02, so maps convert
 * the WGS-84 points they place on them; OpenStreetMap is WGS-84. Tencent numbers its rows from the
 * south (TMS), which Leaflet's `{-y}` placeholder fills in.
 */
export const tilePresets = {
  osm: {
    urlTemplate: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    subdomains: [],
    coordinateSystem: 'wgs84',
    attribution: '© OpenStreetMap 贡献者',
    minZoom: 3,
    maxZoom: 19,
  },
  amap: {
    urlTemplate:
      'https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}',
    subdomains: ['1', '2', '3', '4'],
    coordinateSystem: 'gcj02',
    attribution: '© 高德地图',
    minZoom: 3,
    maxZoom: 18,
  },
  tencent: {
    urlTemplate: 'https://rt{s}.map.gtimg.com/realtimerender?z={z}&x={x}&y={-y}&type=vector&style=0',
    subdomains: ['0', '1', '2', '3'],
    coordinateSystem: 'gcj02',
    attribution: '© 腾讯地图',
    minZoom: 3,
    maxZoom: 18,
  },
} as const satisfies Record<string, TileSource>;

export type TilePresetName = keyof typeof tilePresets;

export type MapTilesSetting =
  | { ok: true; tiles: TileSource | null; source: TilePresetName | 'none' | 'custom' }
  | { ok: false; message: string };

/**
 * Reads `MAP_TILES`: `none` (the default: maps draw the district's own outlines), a preset name, or a
 * JSON tile source. A custom template must be an http(s) URL or a path on this server (tiles served
 * locally, e.g. on a machine without internet).
 */
export function parseMapTiles(setting: string | undefined): MapTilesSetting {
  const value = (setting ?? '').trim();
  if (value === '' || value === 'none') return { ok: true, tiles: null, source: 'none' };
  if (value in tilePresets) {
    const name = value as TilePresetName;
    const preset = tilePresets[name];
    return { ok: true, tiles: { ...preset, subdomains: [...preset.subdomains] }, source: name };
  }
  if (!value.startsWith('{')) {
    return { ok: false, message: `must be none, osm, amap, tencent or a JSON tile source (got "${value}")` };
  }
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return { ok: false, message: 'is not valid JSON' };
  }
  const parsed = tileSourceSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      message: `is not a tile source: ${issue?.path.join('.') || '(root)'} ${issue?.message}`,
    };
  }
  if (!/^(https?:\/\/|\/)/.test(parsed.data.urlTemplate)) {
    return { ok: false, message: 'urlTemplate must be an http(s) URL or a path on this server' };
  }
  if (parsed.data.minZoom > parsed.data.maxZoom) {
    return { ok: false, message: 'minZoom must not exceed maxZoom' };
  }
  return { ok: true, tiles: parsed.data, source: 'custom' };
}

/**
 * The origins tiles are fetched from, for the Content-Security-Policy's img-src: the template with
 * each subdomain in turn. A path on this server needs no entry ('self' already covers it).
 */
export function tileOrigins(tiles: TileSource | null): string[] {
  if (!tiles || tiles.urlTemplate.startsWith('/')) return [];
  const subdomains = tiles.subdomains.length ? tiles.subdomains : [''];
  const origins = new Set<string>();
  for (const subdomain of subdomains) {
    // Placeholders other than {s} sit in the path or query; replace them so the URL parses.
    const url = tiles.urlTemplate.replaceAll('{s}', subdomain).replace(/\{-?[a-z]+\}/g, '0');
    try {
      origins.add(new URL(url).origin);
    } catch {
      // A template that does not parse as a URL is refused by parseMapTiles before it gets here.
    }
  }
  return [...origins];
}
