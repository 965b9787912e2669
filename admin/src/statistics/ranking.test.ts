import { describe, expect, it } from 'vitest';
import { monthlyRanking } from '../test/statistics';
import { scoringRuleLines } from './ranking';

describe('scoringRuleLines', () => {
  it('explains every term of the rule', () => {
    expect(scoringRuleLines(monthlyRanking().rule)).toEqual([
      '每张工单基础分 100 分',
      '超过到场时限：扣 20 分',
      '超过接单时限：扣 5 分',
      '居民重新打开：扣 10 分',
      '居民评价每少一星：扣 4 分',
      '月底仍未办结：扣 30 分',
      '中队、街道的得分为其工单得分的平均值',
    ]);
  });

  it('reads a deduction the same whichever sign the BFF gives it', () => {
    const rule = {
      base: 100,
      onSiteLate: 20,
      acceptLate: 2.5,
      reopened: 10,
      perRatingStarBelowFive: 4,
      unresolved: 30,
    };
    expect(scoringRuleLines(rule)[1]).toBe('超过到场时限：扣 20 分');
    expect(scoringRuleLines(rule)[2]).toBe('超过接单时限：扣 2.5 分');
  });
});
