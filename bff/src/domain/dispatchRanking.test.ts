import { rankOfficers, type OfficerCandidate } from './dispatchRanking';

const minute = 60_000;

describe('rankOfficers', () => {
  const site = { lat: 23.1066, lng: 113.3245 };
  const now = new Date('2026-11-23T10:00:00+08:00');
  // ~0.00001° lat ≈ 1.1 m
  const officer = (
    id: string,
    metersNorth: number,
    extra: Partial<OfficerCandidate> = {},
  ): OfficerCandidate => ({
    officerId: id,
    squadId: 'squad-chigang',
    onDuty: true,
    location: { lat: site.lat + metersNorth / 111_320, lng: site.lng, at: new Date(now.getTime() - minute) },
    travelMode: 'walk',
    activeTickets: 0,
    capacity: 3,
    ...extra,
  });

  it('finds the nearest officer within 200 m first', () => {
    const result = rankOfficers(
      [officer('far', 450), officer('near', 150), officer('nearer', 80)],
      site,
      now,
    );
    expect(result.ringMeters).toBe(200);
    expect(result.ranked.map((o) => o.officerId)).toEqual(['nearer', 'near']);
  });

  it('widens the search when nobody is close', () => {
    const result = rankOfficers([officer('a', 900), officer('b', 2500)], site, now);
    expect(result.ringMeters).toBe(1000);
    expect(result.ranked.map((o) => o.officerId)).toEqual(['a']);
    expect(rankOfficers([officer('c', 5000)], site, now)).toEqual({ ringMeters: null, ranked: [] });
  });

  it('prefers who arrives sooner: an e-bike beats walking from a little further', () => {
    const result = rankOfficers(
      [officer('walker', 300), officer('rider', 450, { travelMode: 'ebike' })],
      site,
      now,
    );
    expect(result.ranked[0]?.officerId).toBe('rider');
  });

  it('penalises workload and skips the full, the off-duty, the stale and the excluded', () => {
    const result = rankOfficers(
      [
        officer('busy', 50, { activeTickets: 2 }),
        officer('free', 150),
        officer('full', 10, { activeTickets: 3 }),
        officer('off', 10, { onDuty: false }),
        officer('stale', 10, { location: { ...site, at: new Date(now.getTime() - 6 * minute) } }),
        officer('refused', 10),
      ],
      site,
      now,
      new Set(['refused']),
    );
    expect(result.ranked.map((o) => o.officerId)).toEqual(['free', 'busy']);
  });
});
