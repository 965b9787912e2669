import { deviceTopics } from '@jiefang/contracts';
import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import type { SimulatorOptions } from './args';
import { systemClock } from './clock';
import { generateIdentities } from './credentials';
import { Fleet, formatSummary } from './fleet';
import { createMemoryLogger } from './logger';
import { redactUrl, runSimulator } from './run';
import { defaultSignalSettings } from './scenario';
import type { ConnectFn } from './simulatedDevice';
import { BROKER_URL, clearRetained, uniqueDeviceId, Watcher } from './testSupport';

const usedIds: string[] = [];
const clients: MqttClient[] = [];
const connects: Array<{ at: number; options: IClientOptions }> = [];
let watcher: Watcher;

const recordingConnect: ConnectFn = (url, options) => {
  connects.push({ at: Date.now(), options });
  const client = connect(url, options);
  clients.push(client);
  return client;
};

const baseOptions: Omit<SimulatorOptions, 'counts'> = {
  url: BROKER_URL,
  heartbeatMs: 60_000,
  keepaliveSec: 10,
  sessionExpirySec: 10,
  staggerMs: 20,
  firmware: 'sim-test',
  signals: defaultSignalSettings,
};

const isStatus = (id: string, status: string) => (m: { topic: string; json: unknown }) =>
  m.topic === deviceTopics.status(id) && (m.json as { status?: string } | undefined)?.status === status;

beforeAll(async () => {
  watcher = await Watcher.open();
});

afterEach(async () => {
  connects.length = 0;
  await Promise.all(clients.splice(0).map((client) => client.endAsync(true)));
});

afterAll(async () => {
  await watcher?.close();
  await clearRetained(usedIds.map(deviceTopics.status));
});

describe('Fleet', () => {
  it('connects its devices one after another, reports them and stops them cleanly', async () => {
    const identities = generateIdentities(
      { noise_meter: 1, charging_detector: 2, smoke_detector: 0 },
      uniqueDeviceId('fleet'),
    );
    usedIds.push(...identities.map((d) => d.id));
    await Promise.all(identities.map((d) => watcher.watchDevice(d.id)));
    const logger = createMemoryLogger();
    const fleet = new Fleet({
      identities,
      staggerMs: 30,
      clock: systemClock,
      logger,
      device: {
        url: BROKER_URL,
        connect: recordingConnect,
        clock: systemClock,
        logger,
        heartbeatMs: 60_000,
        sessionExpirySec: 10,
      },
    });

    await fleet.start();
    await fleet.whenAllConnected();
    const gaps = connects.slice(1).map((c, i) => c.at - connects[i]!.at);
    gaps.forEach((gap) => expect(gap).toBeGreaterThanOrEqual(25));
    expect(logger.lines).toContain(
      'info all 3 devices connected in ' + logger.lines.at(-1)!.split(' in ')[1],
    );

    await fleet.stop();
    for (const { id } of identities) await watcher.waitFor(isStatus(id, 'offline'), `offline of ${id}`);
    const summary = fleet.summary();
    expect(summary).toEqual({
      devices: 3,
      connected: 3,
      online: 3,
      sent: 6,
      telemetry: 0,
      events: 0,
      commands: 0,
      acks: 0,
      reconnects: 0,
      errors: 0,
    });
    expect(formatSummary(summary, 1_234)).toBe(
      'summary: 3 devices, 3 connected, 3 online at stop, 6 messages sent (0 telemetry, 0 events), 0 commands, 0 acks, 0 reconnects, 0 errors, ran 1.2 s',
    );
  });
});

describe('runSimulator', () => {
  it('logs each device in with its own credentials from the file and runs until asked to stop', async () => {
    const ids = [uniqueDeviceId('cred-a'), uniqueDeviceId('cred-b')];
    usedIds.push(...ids);
    await Promise.all(ids.map((id) => watcher.watchDevice(id)));
    const file = JSON.stringify([
      { id: ids[0], type: 'charging_detector', secret: 'secret-a' },
      { id: ids[1], type: 'smoke_detector', secret: 'secret-b' },
    ]);
    let requestStop: (reason: string) => void = () => undefined;
    const stopRequested = new Promise<string>((resolve) => (requestStop = resolve));
    const logger = createMemoryLogger();

    const running = runSimulator(
      { ...baseOptions, counts: {}, credentialsPath: 'devices.json' },
      {
        connect: recordingConnect,
        clock: systemClock,
        logger,
        stopRequested,
        cwd: '/tmp',
        readFile: () => Promise.resolve(file),
      },
    );
    for (const id of ids) await watcher.waitFor(isStatus(id, 'online'), `online of ${id}`);
    requestStop('SIGINT');
    const result = await running;

    expect(connects.map((c) => c.options)).toEqual([
      expect.objectContaining({
        clientId: ids[0],
        username: ids[0],
        password: 'secret-a',
        clean: false,
        will: expect.objectContaining({ topic: deviceTopics.status(ids[0]!), qos: 1, retain: true }),
      }),
      expect.objectContaining({ clientId: ids[1], username: ids[1], password: 'secret-b' }),
    ]);
    expect(result.exitCode).toBe(0);
    expect(result.summary).toMatchObject({ devices: 2, connected: 2, errors: 0 });
    expect(logger.lines).toContain('info stopping (SIGINT): publishing offline and disconnecting');
    for (const id of ids) await watcher.waitFor(isStatus(id, 'offline'), `offline of ${id}`);
  });

  it('warns about anonymous generated ids and stops by itself after --duration', async () => {
    const logger = createMemoryLogger();
    const prefix = uniqueDeviceId('dur');
    usedIds.push(`${prefix}-noise-0001`);
    const result = await runSimulator(
      {
        ...baseOptions,
        counts: { noise_meter: 1, charging_detector: 0, smoke_detector: 0 },
        prefix,
        durationMs: 300,
      },
      {
        connect: recordingConnect,
        clock: systemClock,
        logger,
        stopRequested: new Promise(() => undefined),
        cwd: '/tmp',
      },
    );
    expect(result.exitCode).toBe(0);
    expect(connects[0]!.options).not.toHaveProperty('password');
    expect(logger.lines[0]).toMatch(
      /^warn no --credentials file: 1 devices log in with generated ids .* and no password/,
    );
    expect(logger.lines).toContain(
      'info stopping (--duration 0.3 s reached): publishing offline and disconnecting',
    );
  });

  it('exits with 1 when no device reaches the broker', async () => {
    const logger = createMemoryLogger();
    const result = await runSimulator(
      {
        ...baseOptions,
        url: 'mqtt://127.0.0.1:9',
        counts: { noise_meter: 1, charging_detector: 0, smoke_detector: 0 },
        prefix: uniqueDeviceId('dead'),
        durationMs: 300,
      },
      {
        connect: recordingConnect,
        clock: systemClock,
        logger,
        stopRequested: new Promise(() => undefined),
        cwd: '/tmp',
      },
    );
    expect(result).toMatchObject({ exitCode: 1, summary: { connected: 0, online: 0 } });
    expect(logger.lines).toContain('error no device could connect to mqtt://127.0.0.1:9');
  });
});

describe('redactUrl', () => {
  it('hides a password in the broker URL', () => {
    expect(redactUrl('mqtt://admin:hunter2@broker:1883')).toBe('mqtt://admin:***@broker:1883');
    expect(redactUrl('mqtt://127.0.0.1:1883')).toBe('mqtt://127.0.0.1:1883');
  });
});
