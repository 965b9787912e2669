/**
 * The background level at a residential site without any particular source: traffic, voices, air
 * conditioners. Quiet at night (~40–46 dB(A)), ~50–58 dB(A) by day with a lull after lunch, busiest in the
 * evening when everyone is out. Readings wander slowly around the mean instead of jumping independently
 * every second, as a real 1-second Leq does.
 */
import { curveAt, type HourlyCurve } from './dailyProfile';
import { gaussian, type Random } from './random';

/** Mean background Leq in dB(A) by local hour (Asia/Shanghai). */
export const baselineCurve: HourlyCurve = [
  [0, 42.5],
  [4, 41],
  [5.5, 42],
  [6, 45],
  [7, 51],
  [8, 54],
  [12, 55],
  [13.5, 53],
  [17, 55],
  [19, 57.5],
  [21, 57],
  [22, 50],
  [22.5, 46],
  [23, 44],
];

/** How much of the previous deviation survives one reading, and the fresh part's spread (dB). */
const DRIFT_MEMORY = 0.9;
const DRIFT_STEP_DB = 0.5;
/** Second-to-second flicker on top of the drift (dB). */
const FLICKER_DB = 0.6;

export class NoiseBaseline {
  private drift = 0;

  constructor(private readonly random: Random) {}

  /** The next background reading at local `hour`. */
  next(hour: number): number {
    this.drift = DRIFT_MEMORY * this.drift + DRIFT_STEP_DB * gaussian(this.random);
    return curveAt(baselineCurve, hour) + this.drift + FLICKER_DB * gaussian(this.random);
  }
}
