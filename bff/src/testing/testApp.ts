import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import type { MqttClient } from 'mqtt';
import supertest from 'supertest';
import type { Role } from '@jiefang/contracts';
import { createApp, type AppDeps, type JiefangApp } from '../app';
import { loadConfig, type Config } from '../config';
import { ManualClock } from '../infra/clock';
import { createLogger } from '../infra/logger';
import { connectMongo } from '../infra/mongo';
import { connectMqtt } from '../infra/mqtt';

export interface TestApp {
  app: JiefangApp;
  server: Server;
  http: supertest.Agent;
  clock: ManualClock;
  config: Config;
  mongo: Connection;
  redis: Redis;
  mqtt: MqttClient;
  runId: string;
  /** Signs in through the dev login and returns the bearer token. */
  loginAs(role: Role, name?: string, street?: string): Promise<{ token: string; userId: string }>;
  /** Stops the app; with keepData its database and Redis keys stay for a successor. */
  close(options?: { keepData?: boolean }): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  redisUrl?: string;
  deps?: Partial<AppDeps>;
  /** Start SLA timers and notification delivery (default true). */
  background?: boolean;
  /** Reuse another test app's database and queues, e.g. to play a BFF restart. */
  runId?: string;
}

/**
 * A BFF over real services with its own MongoDB database and Redis key prefix, so test files can run
 * side by side; close() drops both.
 */
export async function startTestApp(suite: string, options: TestAppOptions = {}): Promise<TestApp> {
  const runId = options.runId ?? `${suite.replace(/[^A-Za-z0-9]/g, '_')}_${randomBytes(4).toString('hex')}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    MONGODB_URI: requiredEnv('TEST_MONGODB_URI'),
    MONGODB_DB: `test_${runId}`.slice(0, 63),
    REDIS_URL: options.redisUrl ?? requiredEnv('TEST_REDIS_URL'),
    MQTT_URL: requiredEnv('TEST_MQTT_URL'),
    MQTT_USERNAME: process.env.TEST_MQTT_USERNAME || undefined,
    MQTT_PASSWORD: process.env.TEST_MQTT_PASSWORD || undefined,
    INSTANCE_ID: runId.slice(0, 40),
    JWT_SECRET: `test-secret-${runId}`.padEnd(40, '-'),
    REDIS_PREFIX: `test:${runId}`,
    DEV_LOGIN: '1',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const clock = new ManualClock();
  const mongo = await connectMongo(config.MONGODB_URI, config.MONGODB_DB);
  const redis = new Redis(config.REDIS_URL, {
    keyPrefix: `test:${runId}:`,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    lazyConnect: true,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
  });
  redis.on('error', () => undefined);
  await redis.connect();
  const mqtt = await connectMqtt({
    url: config.MQTT_URL,
    clientId: `test-${runId}`,
    username: config.MQTT_USERNAME,
    password: config.MQTT_PASSWORD,
  });
  const app = createApp({
    config,
    mongo,
    redis,
    mqtt,
    clock,
    logger: createLogger('silent'),
    ...options.deps,
  });
  if (options.background !== false) await app.startBackgroundWork();
  const server = app.koa.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const http = supertest.agent(server);

  return {
    app,
    server,
    http,
    clock,
    config,
    mongo,
    redis,
    mqtt,
    async loginAs(role, name = `测试${role}`, street) {
      const response = await http
        .post('/api/auth/dev-login')
        .send({ role, name, ...(street ? { street } : {}) })
        .expect(200);
      return { token: response.body.token as string, userId: response.body.user.id as string };
    },
    runId,
    async close(closeOptions = {}) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
      if (closeOptions.keepData) {
        await mongo.close();
        redis.disconnect();
        await mqtt.endAsync();
        return;
      }
      await mongo.dropDatabase().catch(() => undefined);
      await mongo.close();
      if (redis.status === 'ready') {
        const keys = await redis.keys(`test:${runId}:*`);
        if (keys.length) await redis.del(...keys.map((key) => key.slice(`test:${runId}:`.length)));
      }
      redis.disconnect();
      await mqtt.endAsync();
    },
  };
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest's globalSetup`);
  return value;
}
