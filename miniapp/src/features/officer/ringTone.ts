/**
 * The assignment ring as a WAV file, made in code so that no sound asset has to travel through the build:
 * two alternating tones (like a dispatch radio), 8-bit mono. Both platforms play these bytes.
 */
export interface ToneOptions {
  sampleRate: number;
  /** Hz of the alternating beeps. */
  tones: readonly number[];
  beepMs: number;
  beeps: number;
}

export const ringToneOptions: ToneOptions = { sampleRate: 8000, tones: [960, 1280], beepMs: 180, beeps: 6 };

export function ringToneWav(options: ToneOptions = ringToneOptions): Uint8Array {
  const perBeep = Math.round((options.sampleRate * options.beepMs) / 1000);
  const samples = perBeep * options.beeps;
  const bytes = new Uint8Array(44 + samples);
  const view = new DataView(bytes.buffer);
  const text = (at: number, value: string) => {
    for (let i = 0; i < value.length; i += 1) bytes[at + i] = value.charCodeAt(i);
  };
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, options.sampleRate, true);
  view.setUint32(28, options.sampleRate, true); // bytes per second at 8 bits mono
  view.setUint16(32, 1, true);
  view.setUint16(34, 8, true);
  text(36, 'data');
  view.setUint32(40, samples, true);
  for (let beep = 0; beep < options.beeps; beep += 1) {
    const hz = options.tones[beep % options.tones.length] ?? 1000;
    for (let i = 0; i < perBeep; i += 1) {
      // A short fade at both ends keeps the speaker from clicking.
      const edge = Math.min(1, i / 80, (perBeep - i) / 80);
      const value = Math.sin((2 * Math.PI * hz * i) / options.sampleRate) * 0.9 * edge;
      bytes[44 + beep * perBeep + i] = Math.round(128 + value * 127);
    }
  }
  return bytes;
}
