/** The signals end to end over the real broker: what a bridge subscribed to devices/+/… would receive. */
import {
  deviceCommandAckSchema,
  deviceEventSchema,
  deviceStatusSchema,
  deviceTopics,
  noiseTelemetrySchema,
  parseDeviceTopic,
  playWarningAction,
} from '@jiefang/contracts';
import { connect } from 'mqtt';
import type { SimulatorOptions } from './args';
import { systemClock } from './clock';
import { generateIdentities, type DeviceCounts } from './credentials';
import { createMemoryLogger } from './logger';
import { seededRandom } from './random';
import { runSimulator } from './run';
import { defaultSignalSettings, type SignalSettings } from './scenario';
import { BROKER_URL, clearRetained, uniqueDeviceId, Watcher, type SeenMessage } from './testSupport';

const usedIds: string[] = [];
let watcher: Watcher;

beforeAll(async () => {
  watcher = await Watcher.open([deviceTopics.telemetry('+'), deviceTopics.event('+')]);
});

afterAll(async () => {
  await watcher?.close();
  await clearRetained(usedIds.map(deviceTopics.status));
});

/** Starts a generated fleet in a scenario; the watcher also follows each device's status and acks. */
async function startFleet(label: string, counts: DeviceCounts, signals: Partial<SignalSettings>) {
  const prefix = uniqueDeviceId(label);
  const ids = generateIdentities(counts, prefix).map((identity) => identity.id);
  usedIds.push(...ids);
  for (const id of ids) {
    await watcher.client.subscribeAsync([deviceTopics.status(id), deviceTopics.commandAck(id)], { qos: 1 });
  }
  const options: SimulatorOptions = {
    counts,
    prefix,
    url: BROKER_URL,
    heartbeatMs: 60_000,
    keepaliveSec: 10,
    sessionExpirySec: 10,
    staggerMs: 0,
    firmware: 'sim-test',
    signals: { ...defaultSignalSettings, ...signals },
  };
  let requestStop: (reason: string) => void = () => undefined;
  const stopRequested = new Promise<string>((resolve) => (requestStop = resolve));
  const logger = createMemoryLogger();
  const running = runSimulator(options, {
    connect,
    clock: systemClock,
    logger,
    stopRequested,
    cwd: '/tmp',
    random: seededRandom(2025),
  });
  return { ids, logger, running, stop: () => (requestStop('test done'), running) };
}

const from = (id: string) => (m: SeenMessage) => parseDeviceTopic(m.topic)?.deviceId === id;
const channelOf = (m: SeenMessage) => parseDeviceTopic(m.topic)?.channel;
const leqOf = (m: SeenMessage) => (m.json as { leq: number }).leq;

describe('signals over the real broker', () => {
  it('sends contract-valid telemetry and events with seq rising across every uplink of a device', async () => {
    const counts = { noise_meter: 1, charging_detector: 2, smoke_detector: 1 };
    const fleet = await startFleet('sig', counts, { scenario: 'charging', intervalMs: 100 });
    const [noiseId, ...detectorIds] = fleet.ids as [string, ...string[]];
    await watcher.waitFor(
      () => watcher.messages.filter((m) => from(noiseId)(m) && channelOf(m) === 'telemetry').length >= 10,
      '10 noise readings',
    );
    const result = await fleet.stop();
    for (const id of fleet.ids) {
      await watcher.waitFor(
        (m) =>
          from(id)(m) && channelOf(m) === 'status' && (m.json as { status: string }).status === 'offline',
        `offline of ${id}`,
      );
    }

    const telemetry = watcher.messages.filter((m) => from(noiseId)(m) && channelOf(m) === 'telemetry');
    expect(telemetry.length).toBe(result.summary.telemetry);
    telemetry.forEach((m) => expect(noiseTelemetrySchema.parse(m.json)).toMatchObject({ intervalMs: 100 }));

    const events = watcher.messages.filter(
      (m) => channelOf(m) === 'event' && fleet.ids.some((id) => from(id)(m)),
    );
    expect(events.map((m) => deviceEventSchema.parse(m.json))).toEqual([
      expect.objectContaining({ type: 'charging_detected', confidence: 0.9 }),
      expect.objectContaining({ type: 'charging_detected', confidence: 0.9 }),
    ]);
    expect(new Set(events.map((m) => parseDeviceTopic(m.topic)?.deviceId))).toEqual(
      new Set(detectorIds.slice(0, 2)),
    );
    expect(result.summary).toMatchObject({ events: 2, errors: 0 });

    // One connection delivers in order, so seq must rise across status, telemetry and events alike.
    for (const id of fleet.ids) {
      const uplinks = watcher.messages.filter(from(id));
      uplinks
        .filter((m) => channelOf(m) === 'status')
        .forEach((m) => expect(() => deviceStatusSchema.parse(m.json)).not.toThrow());
      const seqs = uplinks.map((m) => (m.json as { seq: number }).seq);
      seqs.slice(1).forEach((seq, i) => expect(seq).toBeGreaterThan(seqs[i]!));
    }
  });

  it('keeps a noise-episode loud through the ignored first warning and falls back after the second', async () => {
    const fleet = await startFleet(
      'episode',
      { noise_meter: 1, charging_detector: 0, smoke_detector: 0 },
      // At 100× a heeded warning takes 50–200 ms to work instead of 5–20 s.
      { scenario: 'noise-episode', intervalMs: 100, timeScale: 100, compliance: 1, ignoreWarnings: 1 },
    );
    const id = fleet.ids[0]!;
    const readings = () => watcher.messages.filter((m) => from(id)(m) && channelOf(m) === 'telemetry');
    const readingsAfter = (m: SeenMessage) =>
      readings().filter((r) => watcher.messages.indexOf(r) > watcher.messages.indexOf(m));
    const warn = async (messageId: string): Promise<SeenMessage> => {
      const command = { ts: Date.now(), messageId, action: playWarningAction };
      await watcher.client.publishAsync(deviceTopics.command(id), JSON.stringify(command), { qos: 1 });
      const ack = await watcher.waitFor(
        (m) =>
          from(id)(m) &&
          channelOf(m) === 'cmd/ack' &&
          (m.json as { messageId: string }).messageId === messageId,
        `ack of ${messageId}`,
      );
      expect(deviceCommandAckSchema.parse(ack.json)).toMatchObject({ ok: true });
      return ack;
    };

    await watcher.waitFor(() => readings().filter((m) => leqOf(m) > 68).length >= 5, 'loud readings');
    expect(readings().every((m) => leqOf(m) > 68)).toBe(true);

    const firstAck = await warn('w-1');
    // Well past the 200 ms a heeded warning would take.
    await watcher.waitFor(() => readingsAfter(firstAck).length >= 8, 'readings after the first warning');
    expect(
      readingsAfter(firstAck)
        .map(leqOf)
        .every((leq) => leq > 68),
    ).toBe(true);

    const secondAck = await warn('w-2');
    const quiet = await watcher.waitFor(
      (m) => readingsAfter(secondAck).includes(m) && leqOf(m) < 66,
      'a background reading after the second warning',
    );
    await watcher.waitFor(() => readingsAfter(quiet).length >= 5, 'more background readings');
    expect(
      readingsAfter(quiet)
        .map(leqOf)
        .every((leq) => leq < 66),
    ).toBe(true);

    const result = await fleet.stop();
    expect(result.summary).toMatchObject({ commands: 2, acks: 2, errors: 0 });
    expect(fleet.logger.lines).toEqual(
      expect.arrayContaining([
        expect.stringContaining('goes on (the scenario ignores warning 1)'),
        expect.stringMatching(/will stop in [\d.]+ s/),
        expect.stringContaining('stops after the warning'),
      ]),
    );
  });
});
