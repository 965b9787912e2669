import { playWarningAction, type DeviceType } from '@jiefang/contracts';
import type { DeviceEventBody, DeviceUplink, NoiseTelemetryBody } from './behaviour';
import { createManualClock } from './clock';
import { shanghaiTime } from './dailyProfile';
import { createMemoryLogger } from './logger';
import { seededRandom } from './random';
import { createBehaviourFactory, defaultSignalSettings, type SignalSettings } from './scenario';
import { HOUR_MS, MINUTE_MS, SECOND_MS } from './time';

/** A device that records what its behaviour sends instead of publishing it. */
function fakeDevice(type: DeviceType, id = `${type}-1`) {
  const telemetry: NoiseTelemetryBody[] = [];
  const events: DeviceEventBody[] = [];
  const device: DeviceUplink & { connected: boolean } = {
    id,
    type,
    connected: true,
    sendTelemetry: (body) => Promise.resolve(telemetry.push(body) > 0),
    sendEvent: (body) => Promise.resolve(events.push(body) > 0),
  };
  return { device, telemetry, events };
}

function setup(settings: Partial<SignalSettings>, startHour = 15) {
  const clock = createManualClock(shanghaiTime(20_000, startHour));
  const logger = createMemoryLogger();
  const factory = createBehaviourFactory(
    { ...defaultSignalSettings, ...settings },
    { clock, logger, random: seededRandom(9) },
  );
  return { clock, logger, factory };
}

const warning = (messageId: string) => ({ ts: 1, messageId, action: playWarningAction });

describe('noise-episode scenario', () => {
  it('is loud from the start, shrugs off the first warning and falls quiet after a heeded one', () => {
    const { clock, logger, factory } = setup({ scenario: 'noise-episode', ignoreWarnings: 1, compliance: 1 });
    const { device, telemetry } = fakeDevice('noise_meter');
    const behaviour = factory(device)!;
    behaviour.start();
    clock.advance(10 * MINUTE_MS);
    expect(telemetry).toHaveLength(600);
    expect(telemetry.every((t) => t.leq > 70 && t.intervalMs === 1_000)).toBe(true);

    behaviour.onCommand(warning('w-1'));
    clock.advance(MINUTE_MS);
    expect(telemetry.slice(600).every((t) => t.leq > 70)).toBe(true);
    behaviour.onCommand(warning('w-2'));
    clock.advance(MINUTE_MS);
    expect(telemetry.at(-1)!.leq).toBeLessThan(64);
    // With the scenario's episode over, nothing starts by itself.
    clock.advance(2 * HOUR_MS);
    expect(telemetry.slice(-7_000).every((t) => t.leq < 64)).toBe(true);
    expect(logger.lines.filter((line) => line.includes('plays the warning'))).toEqual([
      expect.stringContaining('goes on (the scenario ignores warning 1)'),
      expect.stringMatching(/will stop in [\d.]+ s/),
    ]);

    behaviour.stop();
    expect(clock.pending()).toBe(0);
  });

  it('drops readings taken while offline and ignores other commands', () => {
    const { clock, factory } = setup({ scenario: 'noise-episode', intervalMs: 500 });
    const { device, telemetry } = fakeDevice('noise_meter');
    const behaviour = factory(device)!;
    behaviour.start();
    device.connected = false;
    clock.advance(5 * SECOND_MS);
    device.connected = true;
    behaviour.onCommand({ ts: 1, messageId: 'x', action: 'self_test' });
    clock.advance(5 * SECOND_MS);
    expect(telemetry).toHaveLength(10);
    expect(telemetry.every((t) => t.intervalMs === 500 && t.leq > 70)).toBe(true);
  });
});

describe('detector scenarios', () => {
  it('charging: one detection with confidence 0.9 at once, then silence; smoke detectors stay silent', () => {
    const { clock, factory } = setup({ scenario: 'charging' });
    const charging = fakeDevice('charging_detector');
    const behaviour = factory(charging.device)!;
    expect(factory(fakeDevice('smoke_detector').device)).toBeUndefined();
    behaviour.start();
    expect(charging.events).toEqual([{ type: 'charging_detected', confidence: 0.9 }]);
    expect(clock.pending()).toBe(0);
    clock.advance(24 * HOUR_MS);
    expect(charging.events).toHaveLength(1);
  });

  it('smoke: one smoke alarm at once', () => {
    const { factory } = setup({ scenario: 'smoke' });
    const smoke = fakeDevice('smoke_detector');
    factory(smoke.device)!.start();
    expect(smoke.events).toEqual([{ type: 'smoke_detected', confidence: 0.95 }]);
    expect(factory(fakeDevice('charging_detector').device)).toBeUndefined();
  });

  it('quiet: detectors have nothing to do and noise meters only hum', () => {
    const { clock, factory } = setup({ scenario: 'quiet', timeScale: 1_000 }, 19);
    expect(factory(fakeDevice('charging_detector').device)).toBeUndefined();
    const noise = fakeDevice('noise_meter');
    factory(noise.device)!.start();
    clock.advance(HOUR_MS);
    expect(noise.telemetry.every((t) => t.leq < 64)).toBe(true);
  });

  it('normal: detections come by themselves, and a long wait is slept in steps of at most an hour', () => {
    const { clock, factory } = setup({ scenario: 'normal' }, 0);
    const sleeps: number[] = [];
    const schedule = clock.setTimeout;
    clock.setTimeout = (fn, ms) => {
      sleeps.push(ms);
      return schedule(fn, ms);
    };
    const charging = fakeDevice('charging_detector');
    const smoke = fakeDevice('smoke_detector');
    const behaviours = [factory(charging.device)!, factory(smoke.device)!];
    behaviours.forEach((behaviour) => behaviour.start());
    expect(clock.pending()).toBe(2);
    clock.advance(7 * 24 * HOUR_MS);
    expect(charging.events.length).toBeGreaterThan(10);
    charging.events.forEach((event) => expect(event.type).toBe('charging_detected'));
    // A smoke detector waits about a month between alarms, longer than a Node timer can.
    expect(sleeps.filter((ms) => ms === HOUR_MS).length).toBeGreaterThan(100);
    expect(Math.max(...sleeps)).toBe(HOUR_MS);
    behaviours.forEach((behaviour) => behaviour.stop());
    expect(clock.pending()).toBe(0);
  });
});
