import Taro from '@tarojs/taro';
import { ringToneWav } from './ringTone';
import type { RingSound } from './ringer';

let player: Taro.InnerAudioContext | undefined;

/** The generated WAV written once to the user data folder (InnerAudioContext plays files or URLs). */
function tonePath(): string | undefined {
  const path = `${Taro.env.USER_DATA_PATH}/jf-officer-ring.wav`;
  const fs = Taro.getFileSystemManager();
  try {
    fs.accessSync(path);
  } catch {
    try {
      const bytes = ringToneWav();
      fs.writeFileSync(
        path,
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
        'binary',
      );
    } catch {
      return undefined;
    }
  }
  return path;
}

function context(): Taro.InnerAudioContext | undefined {
  if (player) return player;
  const src = tonePath();
  if (!src) return undefined;
  // Rings even with the phone's silent switch on: a missed assignment costs the 15-minute promise.
  void Taro.setInnerAudioOption({ obeyMuteSwitch: false, mixWithOther: true }).catch(() => undefined);
  player = Taro.createInnerAudioContext();
  player.src = src;
  player.loop = true;
  return player;
}

export const weappRingSound: RingSound = {
  prime() {
    context();
  },
  play() {
    const audio = context();
    if (!audio) return;
    audio.seek(0);
    audio.play();
  },
  stop() {
    player?.stop();
  },
};
