import { type ScoringRule } from '@jiefang/contracts';
import { t } from '../i18n';

const points = (value: number) => {
  const magnitude = Math.abs(value);
  return Number.isInteger(magnitude) ? String(magnitude) : magnitude.toFixed(1);
};

/**
 * The scoring rule in words, one line per term. Deductions are shown as "扣 N 分" whatever sign the BFF
 * gives them, since every term but the base can only lower a ticket's score.
 */
export function scoringRuleLines(rule: ScoringRule): string[] {
  return [
    t('dashboard.ruleBase', { points: points(rule.base) }),
    t('dashboard.ruleOnSiteLate', { points: points(rule.onSiteLate) }),
    t('dashboard.ruleAcceptLate', { points: points(rule.acceptLate) }),
    t('dashboard.ruleReopened', { points: points(rule.reopened) }),
    t('dashboard.ruleRating', { points: points(rule.perRatingStarBelowFive) }),
    t('dashboard.ruleUnresolved', { points: points(rule.unresolved) }),
    t('dashboard.ruleMean'),
  ];
}
