import { deviceStatusSchema, deviceTopics } from '@jiefang/contracts';
import { connect, type MqttClient } from 'mqtt';
import { createManualClock, systemClock } from './clock';
import type { DeviceIdentity } from './credentials';
import { createMemoryLogger } from './logger';
import { deviceCommandAckSchema, type DeviceCommand } from '@jiefang/contracts';
import { SimulatedDevice, type ConnectFn, type SimulatedDeviceOptions } from './simulatedDevice';
import { BROKER_URL, clearRetained, uniqueDeviceId, Watcher } from './testSupport';

const statusOf = (id: string) => deviceTopics.status(id);
const usedIds: string[] = [];
const devices: SimulatedDevice[] = [];
const rawClients: MqttClient[] = [];
let watcher: Watcher;

/** mqtt.connect, keeping the raw client so a test can cut its socket. */
const capturingConnect: ConnectFn = (url, options) => {
  const client = connect(url, options);
  rawClients.push(client);
  return client;
};

/** A device on the real broker, watched by `watcher` (subscribed before the device connects). */
async function makeDevice(
  identity: DeviceIdentity,
  overrides: Partial<SimulatedDeviceOptions> = {},
): Promise<SimulatedDevice> {
  if (!usedIds.includes(identity.id)) {
    usedIds.push(identity.id);
    await watcher.watchDevice(identity.id);
  }
  const device = new SimulatedDevice({
    identity,
    url: BROKER_URL,
    connect: capturingConnect,
    clock: systemClock,
    logger: createMemoryLogger(),
    heartbeatMs: 60_000,
    keepaliveSec: 10,
    sessionExpirySec: 20,
    backoff: { initialMs: 100, maxMs: 400 },
    ...overrides,
  });
  devices.push(device);
  return device;
}

beforeAll(async () => {
  watcher = await Watcher.open();
});

afterEach(async () => {
  await Promise.all(devices.splice(0).map((device) => device.stop(1_000)));
  await Promise.all(rawClients.splice(0).map((client) => client.endAsync(true)));
});

afterAll(async () => {
  await watcher?.close();
  await clearRetained(usedIds.map(statusOf));
});

describe('SimulatedDevice payload checks', () => {
  it('refuses to send telemetry or an event the contract rejects, counting an error', async () => {
    const logger = createMemoryLogger();
    const device = new SimulatedDevice({
      identity: { id: uniqueDeviceId('bad'), type: 'noise_meter' },
      url: BROKER_URL,
      connect: capturingConnect,
      clock: createManualClock(),
      logger,
      heartbeatMs: 60_000,
    });
    await expect(device.sendTelemetry({ leq: 200, intervalMs: 1_000 })).resolves.toBe(false);
    await expect(device.sendEvent({ type: 'smoke_detected', confidence: 1.5 })).resolves.toBe(false);
    expect(device.stats).toMatchObject({ errors: 2, sent: 0, telemetry: 0, events: 0 });
    expect(logger.lines[0]).toMatch(/^warn .* invalid telemetry not sent: leq /);
    expect(rawClients).toEqual([]);
  });
});

describe('SimulatedDevice against the real broker', () => {
  it('publishes a retained online status, then heartbeats with increasing seq and clock ts', async () => {
    const id = uniqueDeviceId('hb');
    const clock = createManualClock(Date.UTC(2025, 5, 1, 8, 0, 0));
    const device = await makeDevice(
      { id, type: 'noise_meter' },
      { clock, heartbeatMs: 30_000, firmware: 'fw-1' },
    );
    device.start();
    await device.whenConnected();

    const online = await watcher.waitFor((m) => m.topic === statusOf(id), 'online status');
    expect(deviceStatusSchema.parse(online.json)).toEqual({
      ts: Date.UTC(2025, 5, 1, 8, 0, 0),
      seq: expect.any(Number),
      status: 'online',
      type: 'noise_meter',
      firmware: 'fw-1',
    });

    for (let beat = 1; beat <= 3; beat++) clock.advance(30_000);
    await watcher.waitFor(() => watcher.on(statusOf(id)).length >= 4, 'three heartbeats');
    const statuses = watcher.on<{ ts: number; seq: number; status: string }>(statusOf(id));
    expect(statuses.map((s) => s.status)).toEqual(['online', 'online', 'online', 'online']);
    expect(statuses.map((s) => s.ts - statuses[0]!.ts)).toEqual([0, 30_000, 60_000, 90_000]);
    const seqs = statuses.map((s) => s.seq);
    seqs.slice(1).forEach((seq, i) => expect(seq).toBeGreaterThan(seqs[i]!));

    // A newcomer (e.g. a restarted BFF) gets the latest status from the retained message.
    const late = await Watcher.open([statusOf(id)]);
    const retained = await late.waitFor((m) => m.retain, 'retained status');
    expect(retained.json).toMatchObject({ status: 'online', seq: seqs[3] });
    await late.close();

    await device.stop();
    const offline = await watcher.waitFor(
      (m) => m.topic === statusOf(id) && (m.json as { status: string }).status === 'offline',
      'offline on stop',
    );
    expect((offline.json as { seq: number }).seq).toBeGreaterThan(seqs[3]!);
    expect(clock.pending()).toBe(0);
  });

  it('lets the broker publish the offline Last Will when the connection dies, then reconnects', async () => {
    const id = uniqueDeviceId('will');
    const device = await makeDevice({ id, type: 'charging_detector' });
    device.start();
    await device.whenConnected();
    await watcher.waitFor((m) => m.topic === statusOf(id), 'first online');
    const client = rawClients.at(-1)!;

    client.stream.destroy(); // no DISCONNECT packet: to the broker this is a dead device

    const will = await watcher.waitFor(
      (m) => m.topic === statusOf(id) && (m.json as { status: string }).status === 'offline',
      'Last Will',
    );
    expect(deviceStatusSchema.parse(will.json)).toEqual({
      ts: expect.any(Number),
      seq: expect.any(Number),
      status: 'offline',
    });
    const [firstOnline] = watcher.on<{ seq: number }>(statusOf(id));
    // The will is fixed when the connection opens, so its seq precedes that session's online message.
    expect((will.json as { seq: number }).seq).toBeLessThan(firstOnline!.seq);

    // QoS 1 is at least once: an unacknowledged publish is sent again after the reconnect with the same seq,
    // which is what lets the bridge drop it. The new session's online status carries a higher seq.
    const again = await watcher.waitFor(
      (m) =>
        m.topic === statusOf(id) &&
        (m.json as { status: string }).status === 'online' &&
        (m.json as { seq: number }).seq > firstOnline!.seq,
      'online again after reconnect',
    );
    expect((again.json as { seq: number }).seq).toBeGreaterThan((will.json as { seq: number }).seq);
    expect(device.stats.connects).toBe(2);
  });

  it('acknowledges a command on cmd/ack with its messageId, and refuses a malformed one', async () => {
    const id = uniqueDeviceId('cmd');
    const received: DeviceCommand[] = [];
    const device = await makeDevice(
      { id, type: 'noise_meter' },
      { onCommand: (_device, command) => received.push(command) },
    );
    device.start();
    await device.whenConnected();
    await watcher.waitFor((m) => m.topic === statusOf(id), 'online');

    const command = {
      ts: Date.now(),
      messageId: 'warn-1',
      action: 'voice_warning',
      params: { text: '请降低音量' },
    };
    await watcher.client.publishAsync(deviceTopics.command(id), JSON.stringify(command), { qos: 1 });
    const ack = await watcher.waitFor((m) => m.topic === deviceTopics.commandAck(id), 'ack');
    expect(deviceCommandAckSchema.parse(ack.json)).toEqual({
      ts: expect.any(Number),
      seq: expect.any(Number),
      messageId: 'warn-1',
      ok: true,
    });
    expect(received).toEqual([command]);

    await watcher.client.publishAsync(deviceTopics.command(id), JSON.stringify({ messageId: 'bad-1' }), {
      qos: 1,
    });
    await watcher.client.publishAsync(deviceTopics.command(id), 'not json', { qos: 1 });
    const refused = await watcher.waitFor(
      (m) =>
        m.topic === deviceTopics.commandAck(id) && (m.json as { messageId: string }).messageId === 'bad-1',
      'refusal',
    );
    expect(refused.json).toMatchObject({ ok: false, error: expect.stringContaining('invalid command') });
    await waitUntil(() => device.stats.commands === 3);
    expect(device.stats).toMatchObject({ commands: 3, acks: 2, errors: 2 });
  });

  it('keeps its session: a command sent while it was away arrives when it comes back', async () => {
    const id = uniqueDeviceId('queue');
    const first = await makeDevice({ id, type: 'smoke_detector' });
    first.start();
    await first.whenConnected();
    await watcher.waitFor((m) => m.topic === statusOf(id), 'online');
    await first.stop();

    const command = { ts: Date.now(), messageId: 'while-away', action: 'self_test' };
    await watcher.client.publishAsync(deviceTopics.command(id), JSON.stringify(command), { qos: 1 });

    const second = await makeDevice({ id, type: 'smoke_detector' });
    second.start();
    const ack = await watcher.waitFor(
      (m) => m.topic === deviceTopics.commandAck(id),
      'ack of the queued command',
    );
    expect(ack.json).toMatchObject({ messageId: 'while-away', ok: true });
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
