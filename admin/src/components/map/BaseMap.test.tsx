// @vitest-environment jsdom
import '../../test/leafletDom';
import { describe, expect, it } from 'vitest';
import {
  allByTestId,
  byTestId,
  fakeBff,
  findByTestId,
  render,
  setUpPageTests,
  signIn,
  waitUntil,
} from '../../test/dom';
import { testDistrict } from '../../test/district';
import { PlaceMap } from './PlaceMap';

const amap = {
  urlTemplate: 'https://webrd0{s}.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}',
  subdomains: ['1', '2', '3', '4'],
  coordinateSystem: 'gcj02',
  attribution: '© 高德地图',
  minZoom: 3,
  maxZoom: 18,
};

setUpPageTests();

describe('BaseMap', { timeout: 30_000 }, () => {
  it('draws the district itself when no tiles are configured: filled streets, dashed grids, names', async () => {
    signIn(['dispatcher']);
    fakeBff({ 'GET /api/district': testDistrict, 'GET /api/map/config': { tiles: null } });
    await render(<PlaceMap point={{ lat: 23.1066, lng: 113.3245 }} streetId="chigang" />, '/map');
    const map = await findByTestId('district-map');
    await waitUntil(() => allByTestId('map-grid-').length === 2);
    expect(map.dataset.tiles).toBe('outlines');
    expect(map.dataset.coordinateSystem).toBe('wgs84');
    expect(map.querySelectorAll('.leaflet-tile-pane img')).toHaveLength(0);

    const street = byTestId('map-street-chigang')!;
    expect(Number(street.getAttribute('fill-opacity'))).toBeGreaterThan(0.5);
    expect(street.getAttribute('d')).toMatch(/^M.+z$/i);
    for (const grid of allByTestId('map-grid-')) expect(grid.getAttribute('stroke-dasharray')).toBe('4 3');
    expect(map.querySelector('.jf-map-street-label')?.textContent).toBe('赤岗街道');
    expect(map.querySelector('.leaflet-control-attribution')?.textContent).toContain('辖区边界：街坊');
    expect(byTestId('map-ticket-point')).not.toBeNull();
    expect(document.body.textContent).toContain('网格边界');
  });

  it('lays configured GCJ-02 tiles under the outlines, with their attribution', async () => {
    signIn(['dispatcher']);
    fakeBff({ 'GET /api/district': testDistrict, 'GET /api/map/config': { tiles: amap } });
    await render(<PlaceMap point={{ lat: 23.1066, lng: 113.3245 }} streetId="chigang" />, '/map');
    const map = await findByTestId('district-map');
    await waitUntil(() => map.querySelectorAll('.leaflet-tile-pane img').length > 0);
    expect(map.dataset.tiles).toBe('online');
    expect(map.dataset.coordinateSystem).toBe('gcj02');
    const sources = [...map.querySelectorAll<HTMLImageElement>('.leaflet-tile-pane img')].map(
      (img) => img.src,
    );
    expect(
      sources.every((src) =>
        /^https:\/\/webrd0[1-4]\.is\.autonavi\.com\/appmaptile\?x=\d+&y=\d+&z=\d+$/.test(src),
      ),
    ).toBe(true);
    const attribution = map.querySelector('.leaflet-control-attribution')?.textContent ?? '';
    expect(attribution).toContain('© 高德地图');
    expect(attribution).not.toContain('辖区边界');
    // Over tiles the street fills are faint, so the tiles show through.
    await waitUntil(() => byTestId('map-street-chigang') !== null);
    expect(Number(byTestId('map-street-chigang')!.getAttribute('fill-opacity'))).toBeLessThan(0.3);
  });

  it('falls back to the outlines, in WGS-84, with a note, when the tiles cannot be loaded', async () => {
    signIn(['dispatcher']);
    fakeBff({ 'GET /api/district': testDistrict, 'GET /api/map/config': { tiles: amap } });
    await render(<PlaceMap point={{ lat: 23.1066, lng: 113.3245 }} streetId="chigang" />, '/map');
    const map = await findByTestId('district-map');
    await waitUntil(() => map.querySelectorAll('.leaflet-tile-pane img').length >= 3);
    expect(byTestId('map-tiles-failed')).toBeNull();
    // No internet: every tile fails.
    for (const img of map.querySelectorAll('.leaflet-tile-pane img')) img.dispatchEvent(new Event('error'));
    await findByTestId('map-tiles-failed');
    expect(byTestId('map-tiles-failed')!.textContent).toBe('在线地图瓦片无法加载，已改为显示辖区轮廓');
    expect(map.dataset.tiles).toBe('outlines');
    expect(map.dataset.coordinateSystem).toBe('wgs84');
    await waitUntil(() => map.querySelectorAll('.leaflet-tile-pane img').length === 0);
    expect(map.querySelector('.leaflet-control-attribution')?.textContent).toContain('辖区边界：街坊');
    await waitUntil(() => allByTestId('map-grid-').length === 2);
  });

  it('still draws the outlines when the BFF cannot say which tiles to use', async () => {
    signIn(['dispatcher']);
    fakeBff({ 'GET /api/district': testDistrict });
    await render(<PlaceMap />, '/map');
    const map = await findByTestId('district-map', 15_000);
    expect(map.dataset.tiles).toBe('outlines');
    await waitUntil(() => allByTestId('map-grid-').length === 2);
  });

  it('says so when the district cannot be loaded', async () => {
    signIn(['dispatcher']);
    fakeBff({ 'GET /api/map/config': { tiles: null } });
    await render(<PlaceMap />, '/map');
    await waitUntil(() => (document.body.textContent ?? '').includes('辖区地图加载失败'), 15_000);
  });
});
