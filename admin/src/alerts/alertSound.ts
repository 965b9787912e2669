/** One tone of an alert's sound. */
export interface Tone {
  frequency: number;
  startS: number;
  durationS: number;
}

/** Two short rising tones; urgent alerts (a breach, smoke) ring the pair three times. */
export function tonesFor(urgent: boolean): Tone[] {
  const pair = (offset: number): Tone[] => [
    { frequency: 660, startS: offset, durationS: 0.14 },
    { frequency: 880, startS: offset + 0.17, durationS: 0.2 },
  ];
  return urgent ? [...pair(0), ...pair(0.5), ...pair(1)] : pair(0);
}

type AudioContextClass = typeof AudioContext;

let context: AudioContext | null = null;

function audioContext(): AudioContext | null {
  if (context) return context;
  const Context =
    (globalThis as { AudioContext?: AudioContextClass }).AudioContext ??
    (globalThis as { webkitAudioContext?: AudioContextClass }).webkitAudioContext;
  if (!Context) return null;
  try {
    context = new Context();
  } catch {
    return null;
  }
  return context;
}

/**
 * Browsers start audio only after a click on the page: the alert settings call this from their
 * controls, so that later alerts can sound without one.
 */
export function unlockAlertSound(): void {
  void audioContext()
    ?.resume()
    .catch(() => undefined);
}

/** Plays the alert's tones with the Web Audio API (no file to ship); silent where audio is blocked. */
export function playAlertSound(urgent: boolean): void {
  const audio = audioContext();
  if (!audio) return;
  if (audio.state === 'suspended') void audio.resume().catch(() => undefined);
  const start = audio.currentTime + 0.02;
  for (const tone of tonesFor(urgent)) {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = tone.frequency;
    // A quick fade in and out, so the tones do not click.
    const at = start + tone.startS;
    gain.gain.setValueAtTime(0, at);
    gain.gain.linearRampToValueAtTime(0.25, at + 0.01);
    gain.gain.linearRampToValueAtTime(0, at + tone.durationS);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(at);
    oscillator.stop(at + tone.durationS + 0.01);
  }
}
