import { scoringRuleSchema, type ScoringRule, type TicketFigures } from '@jiefang/contracts';

/**
 * The default rule (docs/domain.md, "Scoring and the monthly ranking"): a ticket starts at 100 points
 * and loses 30 when nobody was on site within its SLA, 10 when an officer let the 3-minute accept
 * window pass, 20 for each reopening, 5 per star its rating falls short of five, and 20 while it is not
 * resolved.
 */
export const defaultScoringRule: ScoringRule = {
  base: 100,
  onSiteLate: 30,
  acceptLate: 10,
  reopened: 20,
  perRatingStarBelowFive: 5,
  unresolved: 20,
};

/** The rule from `TICKET_SCORING_RULE` (JSON, any field may be left out); throws on a malformed one. */
export function scoringRuleFrom(json: string | undefined): ScoringRule {
  if (!json?.trim()) return defaultScoringRule;
  return scoringRuleSchema.parse({ ...defaultScoringRule, ...(JSON.parse(json) as object) });
}

/**
 * What of a ticket its score depends on. The rule is linear in these, so a period's mean score is
 * computed from their sums: a changed rule applies to past months at once, without a rebuild.
 */
export interface ScoreInputs {
  /** Nobody on site within the SLA (its first round). */
  late: boolean;
  /** An assigned officer let the accept window pass at least once. */
  acceptLate: boolean;
  reopens: number;
  /** 5 − the first reporter's rating; 0 without a rating. */
  starsBelowFive: number;
  unresolved: boolean;
}

/** Sums of the score inputs over the scored tickets of a set. */
export interface ScoreSums {
  scored: number;
  late: number;
  acceptLate: number;
  reopens: number;
  starsBelowFive: number;
  unresolved: number;
}

export const emptyScoreSums = (): ScoreSums => ({
  scored: 0,
  late: 0,
  acceptLate: 0,
  reopens: 0,
  starsBelowFive: 0,
  unresolved: 0,
});

export function ticketScore(rule: ScoringRule, inputs: ScoreInputs): number {
  return (
    rule.base -
    (inputs.late ? rule.onSiteLate : 0) -
    (inputs.acceptLate ? rule.acceptLate : 0) -
    rule.reopened * inputs.reopens -
    rule.perRatingStarBelowFive * inputs.starsBelowFive -
    (inputs.unresolved ? rule.unresolved : 0)
  );
}

/** Mean score of the scored tickets, to 0.1 point; null when none was scored. */
export function meanScore(rule: ScoringRule, sums: ScoreSums): number | null {
  if (!sums.scored) return null;
  const lost =
    rule.onSiteLate * sums.late +
    rule.acceptLate * sums.acceptLate +
    rule.reopened * sums.reopens +
    rule.perRatingStarBelowFive * sums.starsBelowFive +
    rule.unresolved * sums.unresolved;
  return Math.round((rule.base - lost / sums.scored) * 10) / 10;
}

export interface RankCandidate {
  id: string;
  name: string;
  streetId: string | null;
  figures: TicketFigures;
}

/**
 * Highest mean score first. Ties go to the higher SLA attainment, then to more tickets handled, then to
 * the id (so the order is stable); squads or streets without a scored ticket come last.
 */
export function rankByScore(candidates: readonly RankCandidate[]) {
  const orderKey = (value: number | null) => (value === null ? -Infinity : value);
  return [...candidates]
    .sort(
      (a, b) =>
        orderKey(b.figures.score) - orderKey(a.figures.score) ||
        orderKey(b.figures.slaAttainment) - orderKey(a.figures.slaAttainment) ||
        b.figures.tickets - a.figures.tickets ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .map((candidate, index) => ({ rank: index + 1, ...candidate, score: candidate.figures.score }));
}
