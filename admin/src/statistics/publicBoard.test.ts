import { describe, expect, it } from 'vitest';
import { publicBoard } from '../test/statistics';
import { monthLabel, overduePlaces, sortedStreets, waitedLabel } from './publicBoard';

describe('public board helpers', () => {
  it('lists overdue places longest waiting first, with street names and nothing else', () => {
    const places = overduePlaces(publicBoard());
    expect(
      places.map(({ categoryName, streetName, reportedAt }) => [categoryName, streetName, reportedAt]),
    ).toEqual([
      ['占道经营', '华洲街道', '2030-01-03T02:00:00.000Z'],
      ['噪音扰民', '华洲街道', '2030-01-03T03:20:00.000Z'],
    ]);
    expect(new Set(places.map((place) => place.key)).size).toBe(2);
  });

  it('names a place outside every street', () => {
    const board = publicBoard({
      overdue: [
        {
          lat: 23.1,
          lng: 113.2,
          category: 'noise',
          categoryName: '噪音扰民',
          streetId: null,
          reportedAt: '2030-01-03T02:00:00.000Z',
        },
      ],
    });
    expect(overduePlaces(board)[0]!.streetName).toBe('未划分街道');
  });

  it('says how long a place has waited', () => {
    const reported = '2030-01-03T02:00:00.000Z';
    const at = (minutes: number) => Date.parse(reported) + minutes * 60_000;
    expect(waitedLabel(reported, at(25))).toBe('25 分钟');
    expect(waitedLabel(reported, at(125))).toBe('2 小时 5 分钟');
    expect(waitedLabel(reported, at(3 * 1440 + 240))).toBe('3 天 4 小时');
    expect(waitedLabel(reported, at(-1))).toBe('0 分钟');
  });

  it('puts streets with overdue reports first', () => {
    expect(sortedStreets(publicBoard()).map((street) => street.id)).toEqual([
      'huazhou',
      'jiangnanzhong',
      'ruibao',
    ]);
  });

  it('names the month', () => {
    expect(monthLabel('2030-01')).toBe('2030 年 1 月');
  });
});
