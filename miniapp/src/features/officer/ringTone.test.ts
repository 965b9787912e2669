import { ringToneWav } from './ringTone';

describe('ringToneWav', () => {
  it('is a valid 8-bit mono PCM WAV of the asked length', () => {
    const wav = ringToneWav({ sampleRate: 8000, tones: [1000], beepMs: 100, beeps: 2 });
    const view = new DataView(wav.buffer);
    const text = (at: number, n: number) => String.fromCharCode(...wav.slice(at, at + n));
    expect([text(0, 4), text(8, 4), text(12, 4), text(36, 4)]).toEqual(['RIFF', 'WAVE', 'fmt ', 'data']);
    expect(view.getUint16(20, true)).toBe(1);
    expect(view.getUint32(24, true)).toBe(8000);
    expect(view.getUint32(40, true)).toBe(1600);
    expect(wav.length).toBe(44 + 1600);
    expect(view.getUint32(4, true)).toBe(wav.length - 8);
    // Silent at the edges (faded), loud in the middle.
    expect(wav[44]).toBe(128);
    expect(Math.max(...wav.slice(44 + 300, 44 + 500))).toBeGreaterThan(220);
  });
});
