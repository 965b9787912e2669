import { defaultCounts, defaultUrl, parseCliArgs } from './args';
import { defaultSignalSettings } from './scenario';

const run = (argv: string[], env: NodeJS.ProcessEnv = {}) => {
  const result = parseCliArgs(argv, env);
  if (result.kind !== 'run')
    throw new Error(`expected options, got ${result.kind}: ${JSON.stringify(result)}`);
  return result.options;
};
const errorOf = (argv: string[]) => {
  const result = parseCliArgs(argv, {});
  if (result.kind !== 'error') throw new Error(`expected an error, got ${result.kind}`);
  return result.message;
};

describe('parseCliArgs', () => {
  it('reads the documented example', () => {
    expect(
      run([
        '--noise',
        '20',
        '--charging',
        '200',
        '--smoke',
        '20',
        '--url',
        'mqtt://127.0.0.1:1883',
        '--credentials',
        './devices.json',
        '--heartbeat',
        '30',
        '--duration',
        '60',
      ]),
    ).toEqual({
      counts: { noise_meter: 20, charging_detector: 200, smoke_detector: 20 },
      url: 'mqtt://127.0.0.1:1883',
      credentialsPath: './devices.json',
      heartbeatMs: 30_000,
      keepaliveSec: 60,
      sessionExpirySec: 3_600,
      staggerMs: 10,
      durationMs: 60_000,
      firmware: 'sim-0.1.0',
      signals: defaultSignalSettings,
    });
  });

  it('reads the signal options, and lets noise-episode ignore the first warning unless told otherwise', () => {
    expect(
      run(['--scenario', 'quiet', '--interval-ms', '250', '--time-scale', '60', '--compliance', '1']).signals,
    ).toEqual({ scenario: 'quiet', intervalMs: 250, timeScale: 60, compliance: 1, ignoreWarnings: 0 });
    expect(run(['--scenario', 'noise-episode']).signals).toMatchObject({
      ignoreWarnings: 1,
      compliance: 0.7,
    });
    expect(run(['--scenario', 'noise-episode', '--ignore-warnings', '0']).signals.ignoreWarnings).toBe(0);
    expect(run(['--time-scale', '0.5']).signals.timeScale).toBe(0.5);
  });

  it('explains bad signal options', () => {
    const message = errorOf([
      '--scenario',
      'party',
      '--interval-ms',
      '50',
      '--time-scale',
      'fast',
      '--compliance',
      '1.5',
      '--ignore-warnings',
      'x',
    ]);
    expect(message).toContain(
      '--scenario: must be one of normal, quiet, noise-episode, charging, smoke (got "party")',
    );
    expect(message).toContain('--interval-ms: must be at least 100 (got "50")');
    expect(message).toContain('--time-scale: must be a number (got "fast")');
    expect(message).toContain('--compliance: must be at most 1 (got "1.5")');
    expect(message).toContain('--ignore-warnings: must be a whole number (got "x")');
  });

  it('uses a small default fleet, $MQTT_URL, and 0 for types left out', () => {
    expect(run([])).toMatchObject({ counts: defaultCounts, url: defaultUrl });
    expect(run([], { MQTT_URL: 'mqtt://broker:1883' }).url).toBe('mqtt://broker:1883');
    expect(run(['--noise', '3']).counts).toEqual({ noise_meter: 3, charging_detector: 0, smoke_detector: 0 });
  });

  it('leaves counts out with a credentials file so every device of the file runs', () => {
    expect(run(['--credentials', 'd.json']).counts).toEqual({});
    expect(run(['--credentials', 'd.json', '--smoke', '2']).counts).toEqual({ smoke_detector: 2 });
  });

  it('explains every bad value at once, naming the flag and what was given', () => {
    const message = errorOf(['--noise', 'many', '--heartbeat', '0', '--url', 'http://x', '--stagger', '1.5']);
    expect(message).toContain('--noise: must be a whole number (got "many")');
    expect(message).toContain('--heartbeat: must be at least 0.05 (got "0")');
    expect(message).toContain('--url: must be an mqtt://, mqtts://, ws:// or wss:// URL (got "http://x")');
    expect(message).toContain('--stagger: must be a whole number (got "1.5")');
    expect(message).toContain('Run with --help for usage.');
  });

  it('refuses unknown options, missing values, stray words, empty fleets and --prefix with a file', () => {
    expect(errorOf(['--nosie', '3'])).toMatch(/^unknown option --nosie/);
    expect(errorOf(['--noise'])).toMatch(/^option --noise needs a value/);
    expect(errorOf(['--heartbeat', '-1'])).toMatch(
      /^option --heartbeat needs a value, but the next word starts with "-"/,
    );
    expect(errorOf(['20'])).toMatch(/^unexpected argument "20"/);
    expect(errorOf(['--noise', '0'])).toContain('nothing to simulate');
    expect(errorOf(['--prefix', 'x', '--credentials', 'd.json'])).toContain(
      '--prefix: only applies to generated ids',
    );
    expect(errorOf(['--prefix', 'a/b'])).toContain('--prefix: must be 1–40 letters');
  });

  it('answers --help with the usage text', () => {
    const result = parseCliArgs(['--help'], {});
    expect(result.kind).toBe('help');
    expect(result.kind === 'help' && result.text).toContain('--credentials <file>');
    expect(result.kind === 'help' && result.text).toMatch(
      /--scenario <name>[\s\S]*noise-episode[\s\S]*--interval-ms/,
    );
    expect(parseCliArgs(['-h'], {}).kind).toBe('help');
  });
});
