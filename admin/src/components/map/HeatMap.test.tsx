// @vitest-environment jsdom
import '../../test/leafletDom';
import { describe, expect, it } from 'vitest';
import {
  allByTestId,
  fakeBff,
  findByTestId,
  render,
  setUpPageTests,
  signIn,
  waitUntil,
} from '../../test/dom';
import { testDistrict } from '../../test/district';
import { HeatMap } from './HeatMap';

setUpPageTests();

describe('HeatMap', { timeout: 30_000 }, () => {
  it('draws a spot per place, the busiest largest and on top, with its count', async () => {
    signIn(['dispatcher']);
    fakeBff({ 'GET /api/district': testDistrict, 'GET /api/map/config': { tiles: null } });
    await render(
      <HeatMap
        points={[
          { lat: 23.105, lng: 113.31, tickets: 12 },
          { lat: 23.1, lng: 113.33, tickets: 3 },
          { lat: 23.11, lng: 113.32, tickets: 0 },
        ]}
        height={300}
      />,
      '/heat',
    );
    await findByTestId('heat-map-canvas');
    await waitUntil(() => allByTestId('heat-spot-').length === 2);
    const spots = allByTestId('heat-spot-');
    // Fewest first, so the busiest is drawn over it; a place with none gets no spot.
    expect(spots.map((spot) => spot.dataset.tickets)).toEqual(['3', '12']);
    const [few, most] = spots.map((spot) => Number(spot.getAttribute('fill-opacity')));
    expect(most).toBeGreaterThan(few!);
    expect(spots[1]!.getAttribute('fill')).toBe('#a8071a');
    expect(document.body.textContent).toContain('少');
    expect(document.body.textContent).toContain('多');
  });

  it('says when there is nothing to show, over the district still drawn', async () => {
    signIn(['dispatcher']);
    fakeBff({ 'GET /api/district': testDistrict, 'GET /api/map/config': { tiles: null } });
    await render(<HeatMap points={[]} />, '/heat');
    await waitUntil(() => allByTestId('map-grid-').length === 2);
    expect(allByTestId('heat-spot-')).toEqual([]);
    expect(document.body.textContent).toContain('该时段没有工单');
  });
});
