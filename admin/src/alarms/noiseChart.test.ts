import { describe, expect, it } from 'vitest';
import { noiseChartGeometry, type ChartBox } from './noiseChart';

const box: ChartBox = { width: 110, height: 60, padding: { top: 5, right: 5, bottom: 5, left: 5 } };
const at = (minute: number) => new Date(Date.UTC(2030, 0, 1, 12, minute)).toISOString();

describe('noiseChartGeometry', () => {
  it('spreads samples by time, oldest left, and marks minutes over the limit', () => {
    const geometry = noiseChartGeometry(
      [
        { at: at(2), levelDb: 70 },
        { at: at(0), levelDb: 50 },
        { at: at(1), levelDb: 56 },
      ],
      55,
      box,
    );
    expect(geometry.points.map((point) => Math.round(point.x))).toEqual([5, 55, 105]);
    expect(geometry.points.map((point) => point.over)).toEqual([false, true, true]);
    expect(geometry.start).toBe(at(0));
    expect(geometry.end).toBe(at(2));
    // 50–70 with room: 45–75 in whole 5 dB steps; the limit sits inside.
    expect(geometry.domain).toEqual([45, 75]);
    expect(geometry.limitY).not.toBeNull();
    const [low, high] = [geometry.points[0]!.y, geometry.points[2]!.y];
    expect(high).toBeLessThan(geometry.limitY!);
    expect(low).toBeGreaterThan(geometry.limitY!);
    expect(geometry.line.startsWith('M5.0,')).toBe(true);
    expect(geometry.line.match(/L/g)).toHaveLength(2);
  });

  it('keeps the limit in range even when every level is far below it', () => {
    const geometry = noiseChartGeometry(
      [
        { at: at(0), levelDb: 40 },
        { at: at(1), levelDb: 41 },
      ],
      70,
      box,
    );
    expect(geometry.domain[0]).toBeLessThanOrEqual(40);
    expect(geometry.domain[1]).toBeGreaterThanOrEqual(70);
    expect(geometry.limitY!).toBeGreaterThanOrEqual(box.padding.top);
  });

  it('breaks the line at missing minutes and centres a single sample', () => {
    const gap = noiseChartGeometry(
      [
        { at: at(0), levelDb: 50 },
        { at: at(1), levelDb: null },
        { at: at(2), levelDb: 52 },
      ],
      null,
      box,
    );
    expect(gap.points).toHaveLength(2);
    expect(gap.line.match(/M/g)).toHaveLength(2);
    expect(gap.limitY).toBeNull();

    const single = noiseChartGeometry([{ at: at(0), levelDb: 60 }], undefined, box);
    expect(single.points[0]!.x).toBe(55);
    expect(single.domain[1] - single.domain[0]).toBeGreaterThanOrEqual(10);
  });

  it('draws nothing without samples, and guides on whole decibels', () => {
    const empty = noiseChartGeometry([], 55, box);
    expect(empty.points).toEqual([]);
    expect(empty.line).toBe('');
    expect(empty.start).toBeNull();
    const wide = noiseChartGeometry(
      [
        { at: at(0), levelDb: 35 },
        { at: at(1), levelDb: 90 },
      ],
      55,
      box,
    );
    expect(wide.ticks.every((tick) => tick.db % 10 === 0)).toBe(true);
    expect(wide.ticks.length).toBeGreaterThanOrEqual(3);
  });
});
