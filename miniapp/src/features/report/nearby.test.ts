import type { NearbyReport } from '@jiefang/contracts';
import { agoText, nearbyRows } from './nearby';

const now = new Date('2026-12-02T08:30:00Z');
const item = (over: Partial<NearbyReport>): NearbyReport => ({
  id: 't1',
  category: 'garbage',
  categoryName: '垃圾堆放',
  status: 'assigned',
  distance: 'within_50m',
  reportedAt: '2026-12-02T08:20:00Z',
  reporterCount: 2,
  mine: false,
  ...over,
});

describe('nearbyRows', () => {
  it('shows band, age and how many reported, offering 我也遇到', () => {
    expect(nearbyRows([item({})], null, now)).toEqual([
      {
        id: 't1',
        title: '垃圾堆放',
        category: 'garbage',
        distance: '50 米内',
        detail: '10 分钟前 · 2 人反映',
        canJoin: true,
        sameCategory: false,
      },
    ]);
  });

  it('puts the chosen category first, keeping the distance order otherwise', () => {
    const rows = nearbyRows(
      [
        item({ id: 'near-other', category: 'noise' }),
        item({ id: 'far-same', category: 'garbage', distance: 'within_150m' }),
        item({ id: 'mid-other', category: 'noise', distance: 'within_100m' }),
      ],
      'garbage',
      now,
    );
    expect(rows.map((row) => row.id)).toEqual(['far-same', 'near-other', 'mid-other']);
    expect(rows[0]).toMatchObject({ sameCategory: true, distance: '150 米内' });
  });

  it('does not offer to join a ticket the resident is already on', () => {
    expect(nearbyRows([item({ mine: true })], 'garbage', now)[0]?.canJoin).toBe(false);
  });
});

describe('agoText', () => {
  it.each([
    ['2026-12-02T08:29:40Z', '刚刚'],
    ['2026-12-02T08:01:00Z', '29 分钟前'],
    ['2026-12-02T05:29:00Z', '3 小时前'],
    ['not a date', '刚刚'],
  ])('%s → %s', (at, text) => {
    expect(agoText(at, now)).toBe(text);
  });
});
