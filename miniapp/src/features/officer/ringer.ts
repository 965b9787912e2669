import Taro from '@tarojs/taro';
import { h5RingSound } from './ringerH5';
import { weappRingSound } from './ringerWeapp';

/** Plays the ring tone on one platform. */
export interface RingSound {
  /** Called on a tap (e.g. 上班): browsers play sound only after the user touched the page. */
  prime(): void;
  play(): void;
  stop(): void;
}

const sound: RingSound = process.env.TARO_ENV === 'h5' ? h5RingSound : weappRingSound;

/** How long an assignment rings unless the officer answers first; the phone vibrates all along. */
export const ringForMs = 8_000;
const vibrateEveryMs = 1_600;

let vibrating: ReturnType<typeof setInterval> | undefined;
let ending: ReturnType<typeof setTimeout> | undefined;

function vibrate(): void {
  void Taro.vibrateLong().catch(() => undefined);
}

/** The ring of an incoming assignment: sound and long vibrations for a few seconds. */
export const ringer = {
  prime: () => sound.prime(),
  ring(): void {
    ringer.stop();
    sound.play();
    vibrate();
    vibrating = setInterval(vibrate, vibrateEveryMs);
    ending = setTimeout(() => ringer.stop(), ringForMs);
  },
  stop(): void {
    if (vibrating) clearInterval(vibrating);
    if (ending) clearTimeout(ending);
    vibrating = undefined;
    ending = undefined;
    sound.stop();
  },
};
