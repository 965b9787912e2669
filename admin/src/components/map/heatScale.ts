/** A heat spot's look: radius in metres and colour by its share of the busiest spot. */
export interface HeatSpot {
  radiusM: number;
  color: string;
  opacity: number;
}

/** Pale yellow (few) through orange to deep red (the most). */
export const heatRamp = ['#ffe58f', '#ffc53d', '#fa8c16', '#f5222d', '#a8071a'];

const MIN_RADIUS_M = 90;
const MAX_RADIUS_M = 420;

/**
 * Area grows with the count (radius with its square root), so a spot with four times the tickets
 * looks four times as big; colour steps up the ramp with the share of the busiest spot.
 */
export function heatSpot(tickets: number, most: number): HeatSpot {
  const share = most > 0 ? Math.min(1, Math.max(0, tickets / most)) : 0;
  const radiusM = MIN_RADIUS_M + (MAX_RADIUS_M - MIN_RADIUS_M) * Math.sqrt(share);
  const step = Math.min(heatRamp.length - 1, Math.floor(share * heatRamp.length));
  return { radiusM, color: heatRamp[step]!, opacity: 0.35 + 0.35 * share };
}
