import { ticketFigures } from './ticketScoringFixtures';
import { defaultScoringRule, meanScore, rankByScore, scoringRuleFrom, ticketScore } from './ticketScoring';

describe('scoring rule', () => {
  it('defaults when unset and takes a partial JSON rule over the defaults', () => {
    expect(scoringRuleFrom(undefined)).toEqual(defaultScoringRule);
    expect(scoringRuleFrom('{"onSiteLate": 50}')).toEqual({ ...defaultScoringRule, onSiteLate: 50 });
    expect(() => scoringRuleFrom('{"base": "many"}')).toThrow();
  });

  it('scores a ticket and a mean from sums alike', () => {
    const inputs = { late: true, acceptLate: false, reopens: 1, starsBelowFive: 2, unresolved: false };
    expect(ticketScore(defaultScoringRule, inputs)).toBe(100 - 30 - 20 - 10);
    expect(
      meanScore(defaultScoringRule, {
        scored: 2,
        late: 1,
        acceptLate: 0,
        reopens: 1,
        starsBelowFive: 2,
        unresolved: 0,
      }),
    ).toBe(70);
    expect(
      meanScore(defaultScoringRule, {
        scored: 0,
        late: 0,
        acceptLate: 0,
        reopens: 0,
        starsBelowFive: 0,
        unresolved: 0,
      }),
    ).toBeNull();
  });
});

describe('rankByScore', () => {
  it('orders by mean score, then attainment, then tickets, then id; unscored last', () => {
    const ranked = rankByScore([
      { id: 'c', name: 'C', streetId: null, figures: ticketFigures({ score: null, tickets: 50 }) },
      { id: 'b', name: 'B', streetId: null, figures: ticketFigures({ score: 90, slaAttainment: 0.8 }) },
      { id: 'a', name: 'A', streetId: null, figures: ticketFigures({ score: 90, slaAttainment: 0.9 }) },
      { id: 'e', name: 'E', streetId: null, figures: ticketFigures({ score: 80, tickets: 3 }) },
      { id: 'd', name: 'D', streetId: null, figures: ticketFigures({ score: 80, tickets: 3 }) },
    ]);
    expect(ranked.map((entry) => [entry.rank, entry.id])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'd'],
      [4, 'e'],
      [5, 'c'],
    ]);
  });
});
