// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  allByTestId,
  byTestId,
  fakeBff,
  findByTestId,
  installDom,
  render,
  resetApp,
  signIn,
  type Rendered,
} from '../test/dom';
import { DistrictMapView } from './DistrictMapView';

const rectangle = (west: number, south: number, east: number, north: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
  ],
});
const street = {
  type: 'Feature',
  properties: {
    id: 'chigang',
    name: '赤岗街道',
    squadId: 'squad-chigang',
    squadName: '赤岗街道综合执法中队',
  },
  geometry: rectangle(113.3, 23.095, 113.34, 23.115),
};
const grid = (id: string, name: string, community: string, west: number, east: number) => ({
  type: 'Feature',
  properties: { id, name, streetId: 'chigang', community },
  geometry: rectangle(west, 23.095, east, 23.115),
});
const district = {
  type: 'FeatureCollection',
  name: '海珠区演示辖区',
  features: [street],
  grids: [
    grid('chigang-g1', '赤岗社区第1网格', '赤岗社区', 113.3, 113.32),
    grid('chigang-g2', '广州塔社区第1网格', '广州塔社区', 113.32, 113.34),
  ],
};

let page: Rendered | undefined;
beforeAll(installDom);
afterEach(() => {
  page?.unmount();
  page = undefined;
  resetApp();
});

describe('DistrictMapView', { timeout: 30_000 }, () => {
  it('draws the grids as thin dashed lines between the street fills and outlines, named on hover', async () => {
    signIn(['dispatcher']);
    fakeBff({ 'GET /api/district': district });
    page = await render(
      <DistrictMapView point={{ lat: 23.1066, lng: 113.3245 }} streetId="chigang" />,
      '/map',
    );
    const map = await findByTestId('district-map');
    const grids = allByTestId('map-grid-');
    expect(grids.map((path) => path.dataset.testid)).toEqual(['map-grid-chigang-g1', 'map-grid-chigang-g2']);
    for (const path of grids) {
      expect(path.getAttribute('stroke-dasharray')).toBe('4 3');
      expect(Number(path.getAttribute('stroke-width'))).toBeLessThan(1);
      expect(path.getAttribute('d')).toMatch(/^M.+Z$/);
    }
    expect(grids.map((path) => path.querySelector('title')?.textContent)).toEqual([
      '赤岗社区第1网格 · 赤岗街道 · 赤岗街道综合执法中队',
      '广州塔社区第1网格 · 赤岗街道 · 赤岗街道综合执法中队',
    ]);

    // Layers: street fill, then the grids, then the street's outline on top of them.
    const layers = [...map.children].map(
      (child) => child.getAttribute('data-testid') ?? `${child.tagName}:${child.getAttribute('fill') ?? ''}`,
    );
    const gridLayer = layers.indexOf('map-grids');
    expect(layers.slice(0, gridLayer)).toEqual(['path:#e6f4ff']);
    expect(layers[gridLayer + 1]).toBe('path:none');
    expect(document.body.textContent).toContain('网格边界');
    expect(byTestId('map-ticket-point')).not.toBeNull();
  });

  it('draws no grids for a BFF that sends none', async () => {
    signIn(['dispatcher']);
    fakeBff({ 'GET /api/district': { ...district, grids: undefined } });
    page = await render(<DistrictMapView />, '/map');
    await findByTestId('district-map');
    expect(allByTestId('map-grid-')).toEqual([]);
    expect(document.body.textContent).not.toContain('网格边界');
  });
});
