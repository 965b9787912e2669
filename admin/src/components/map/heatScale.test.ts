import { describe, expect, it } from 'vitest';
import { heatRamp, heatSpot } from './heatScale';

describe('heatSpot', () => {
  it('gives the busiest spot the largest, reddest, most opaque circle', () => {
    const most = heatSpot(40, 40);
    const few = heatSpot(1, 40);
    expect(most.color).toBe(heatRamp.at(-1));
    expect(few.color).toBe(heatRamp[0]);
    expect(most.radiusM).toBeGreaterThan(few.radiusM);
    expect(most.opacity).toBeGreaterThan(few.opacity);
  });

  it('grows the area, not the radius, with the count', () => {
    const quarter = heatSpot(10, 40);
    const full = heatSpot(40, 40);
    const base = heatSpot(0, 40).radiusM;
    // Radius above the minimum doubles from a quarter to all of it.
    expect((full.radiusM - base) / (quarter.radiusM - base)).toBeCloseTo(2, 5);
  });

  it('copes with nothing counted', () => {
    expect(heatSpot(0, 0)).toEqual(heatSpot(0, 1));
  });
});
