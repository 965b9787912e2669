import { ringToneWav } from './ringTone';
import type { RingSound } from './ringer';

let audio: HTMLAudioElement | undefined;

function element(): HTMLAudioElement | undefined {
  if (typeof Audio === 'undefined' || typeof Blob === 'undefined') return undefined;
  if (!audio) {
    audio = new Audio(URL.createObjectURL(new Blob([ringToneWav()], { type: 'audio/wav' })));
    audio.loop = true;
  }
  return audio;
}

/** An <audio> element over the generated WAV; a browser that refuses to play still vibrates and shows. */
export const h5RingSound: RingSound = {
  prime() {
    const player = element();
    if (!player || !player.paused) return;
    // Playing once silently inside a tap lets later plays start without one (autoplay rules).
    player.muted = true;
    void player
      .play()
      .then(() => {
        player.pause();
        player.muted = false;
        player.currentTime = 0;
      })
      .catch(() => {
        player.muted = false;
      });
  },
  play() {
    const player = element();
    if (!player) return;
    player.muted = false;
    player.currentTime = 0;
    void player.play().catch(() => undefined);
  },
  stop() {
    if (!audio) return;
    audio.pause();
    audio.currentTime = 0;
  },
};
