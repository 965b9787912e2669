import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { MongoClient } from 'mongodb';
import { redisAppendOnlyAt } from './redisAppendOnly';
import { startManagedProcess, type ManagedProcess } from './childProcess';
import { startLocalServices } from './launcher';
import { freePort, isListening, waitForPort } from './portProbe';

const tempDataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'jiefang-launcher-'));

/** A Redis of the test's own on a free port, with or without an append-only file. */
async function ownRedis(appendOnly: boolean): Promise<{ port: number; redis: ManagedProcess }> {
  const port = await freePort();
  const dir = tempDataDir();
  const redis = startManagedProcess(
    'redis-server',
    'redis-server',
    [
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--save',
      '',
      '--appendonly',
      appendOnly ? 'yes' : 'no',
      '--dir',
      dir,
    ],
    path.join(dir, 'redis.log'),
  );
  await waitForPort('127.0.0.1', port, 10_000, 'redis-server');
  return { port, redis };
}

describe('startLocalServices', () => {
  it('uses explicit URLs from the environment as they are', async () => {
    const services = await startLocalServices({
      env: {
        MONGODB_URI: 'mongodb://db.example:27017/',
        REDIS_URL: 'redis://cache:6379',
        MQTT_URL: 'mqtt://b:1883',
      },
      dataDir: tempDataDir(),
    });
    expect(services.mongodb).toMatchObject({ url: 'mongodb://db.example:27017/', source: 'configured' });
    expect(services.redis.source).toBe('configured');
    expect(services.mqtt.source).toBe('configured');
    await services.stop();
  });

  it('reuses services that already listen on their local ports', async () => {
    // The test run's own globalSetup has MongoDB on 27017 and our broker on 1884; Redis: the next test.
    const services = await startLocalServices({ env: { REDIS_URL: 'redis://127.0.0.1:6379' } });
    try {
      expect(services.mongodb.source).toBe('already-running');
      expect(services.mqtt).toMatchObject({ source: 'already-running', accounts: 'dynamic-security' });
      const bff = await mqtt.connectAsync(services.mqtt.url, {
        username: services.mqtt.username,
        password: services.mqtt.password,
        reconnectPeriod: 0,
      });
      await bff.endAsync();
    } finally {
      await services.stop();
    }
    expect(await isListening('127.0.0.1', 27017)).toBe(true);
  });

  it.each([
    ['mosquitto', process.env.PATH ?? ''],
    ['embedded aedes broker', '/nonexistent'],
  ])(
    'starts FerretDB and %s when nothing listens, and stops them',
    async (broker, searchPath) => {
      const mongoPort = await freePort();
      const mqttPort = await freePort();
      const binary = path.resolve(__dirname, '../../.data/bin/ferretdb');
      const services = await startLocalServices({
        env: {
          PATH: searchPath,
          FERRETDB_PORT: String(mongoPort),
          FERRETDB_BIN: fs.existsSync(binary) ? binary : '',
          MQTT_PORT: String(mqttPort),
          REDIS_URL: 'redis://127.0.0.1:6379',
        },
        dataDir: tempDataDir(),
        installMissing: false,
      });
      try {
        expect(services.mongodb).toMatchObject({
          url: `mongodb://127.0.0.1:${mongoPort}/`,
          source: 'started',
        });
        expect(services.mqtt).toMatchObject({ url: `mqtt://127.0.0.1:${mqttPort}`, source: 'started' });
        expect(services.mqtt.provider).toContain(broker);

        const client = await MongoClient.connect(services.mongodb.url);
        await client.db('launcher_check').collection('things').insertOne({ ok: 1 });
        expect(await client.db('launcher_check').collection('things').countDocuments()).toBe(1);
        await client.close();

        const mqttClient = await mqtt.connectAsync(services.mqtt.url, {
          clientId: `launcher-${mqttPort}`,
          username: services.mqtt.username,
          password: services.mqtt.password,
          reconnectPeriod: 0,
        });
        await mqttClient.endAsync();
        // Devices are never pointed at an anonymous broker.
        await expect(
          mqtt.connectAsync(services.mqtt.url, { clientId: `anonymous-${mqttPort}`, reconnectPeriod: 0 }),
        ).rejects.toThrow(/authori[sz]ed|refused/i);
      } finally {
        await services.stop();
      }
      expect(await isListening('127.0.0.1', mongoPort)).toBe(false);
      expect(await isListening('127.0.0.1', mqttPort)).toBe(false);
    },
    40_000,
  );

  it('uses a running Redis only if it keeps an append-only file, else starts its own that does', async () => {
    const forgetful = await ownRedis(false);
    const durable = await ownRedis(true);
    try {
      const dataDir = tempDataDir();
      const started = await startLocalServices({
        env: {
          MONGODB_URI: 'mongodb://db.example:27017/',
          MQTT_URL: 'mqtt://b:1883',
          REDIS_PORT: String(forgetful.port),
        },
        dataDir,
      });
      try {
        expect(started.redis.source).toBe('started');
        expect(started.redis.url).not.toBe(`redis://127.0.0.1:${forgetful.port}`);
        expect(await redisAppendOnlyAt(started.redis.url)).toBe(true);
        expect(fs.existsSync(path.join(dataDir, 'redis'))).toBe(true);
      } finally {
        await started.stop();
      }
      expect(await isListening('127.0.0.1', Number(new URL(started.redis.url).port))).toBe(false);
      expect(await isListening('127.0.0.1', forgetful.port)).toBe(true);

      const reused = await startLocalServices({
        env: {
          MONGODB_URI: 'mongodb://db.example:27017/',
          MQTT_URL: 'mqtt://b:1883',
          REDIS_PORT: String(durable.port),
        },
        dataDir: tempDataDir(),
      });
      expect(reused.redis).toMatchObject({
        url: `redis://127.0.0.1:${durable.port}`,
        source: 'already-running',
      });
      await reused.stop();
      expect(await isListening('127.0.0.1', durable.port)).toBe(true);
    } finally {
      await Promise.all([forgetful.redis.stop(), durable.redis.stop()]);
    }
  }, 30_000);

  it('refuses to hand devices a broker on its port that it did not start', async () => {
    await expect(startLocalServices({ env: {}, dataDir: tempDataDir() })).rejects.toThrow(/MQTT_URL/);
  });

  it('explains what to install when MongoDB cannot be found or started', async () => {
    const port = await freePort();
    await expect(
      startLocalServices({
        env: { FERRETDB_PORT: String(port), FERRETDB_BIN: '/nonexistent/ferretdb', PATH: '/nonexistent' },
        dataDir: tempDataDir(),
        installMissing: false,
      }),
    ).rejects.toThrow(/install-ferretdb\.sh.*MONGODB_URI/);
  });

  it('probes ports without leaving sockets behind', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const address = server.address() as net.AddressInfo;
    expect(await isListening('127.0.0.1', address.port)).toBe(true);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await isListening('127.0.0.1', address.port)).toBe(false);
  });
});
