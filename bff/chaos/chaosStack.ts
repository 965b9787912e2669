import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  bffBrokerAccount,
  findExecutable,
  findDynamicSecurityPlugin,
  writeMosquittoConfig,
  freePort,
} from '@jiefang/dev-services';
import { restartableProcess, type RestartableProcess } from './restartableProcess';

const repoRoot = path.resolve(__dirname, '../..');

/** A whole stack of its own (FerretDB, Redis with AOF, Mosquitto with accounts, one BFF) in a scratch folder. */
export interface ChaosStack {
  dir: string;
  mongodbUrl: string;
  redisUrl: string;
  mqttUrl: string;
  apiUrl: string;
  database: string;
  services: {
    mongodb: RestartableProcess;
    redis: RestartableProcess;
    broker: RestartableProcess;
    bff: RestartableProcess;
  };
  /** Ids of notifications the BFF reported as delivered, once per delivery (repeats are duplicates). */
  deliveries: string[];
  stop(): Promise<void>;
}

export interface ChaosStackOptions {
  slaTimeScale: number;
  bffEnv?: Record<string, string>;
  /** Told when the BFF exited by itself (e.g. its MongoDB watchdog) and was started again. */
  onBffRestart?: (what: string) => void;
}

function required(what: string, found: string | null | undefined, hint: string): string {
  if (!found) throw new Error(`${what} not found: ${hint}`);
  return found;
}

export async function startChaosStack(options: ChaosStackOptions): Promise<ChaosStack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiefang-chaos-'));
  const logs = path.join(dir, 'logs');
  fs.mkdirSync(logs);
  const [mongoPort, redisPort, brokerPort, apiPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);

  const ferretdb = required(
    'FerretDB',
    findExecutable('ferretdb', [process.env.FERRETDB_BIN ?? '', path.join(repoRoot, '.data/bin/ferretdb')]),
    'run scripts/install-ferretdb.sh or set FERRETDB_BIN',
  );
  for (const sub of ['ferretdb', 'ferretdb-state', 'redis', 'mosquitto']) fs.mkdirSync(path.join(dir, sub));
  const mongodb = restartableProcess({
    name: 'FerretDB',
    port: mongoPort,
    command: ferretdb,
    args: [
      '--handler=sqlite',
      `--sqlite-url=file:${dir}/ferretdb/`,
      `--state-dir=${dir}/ferretdb-state`,
      `--listen-addr=127.0.0.1:${mongoPort}`,
      '--debug-addr=127.0.0.1:0',
      '--telemetry=disable',
      '--log-level=warn',
    ],
    logFile: path.join(logs, 'ferretdb.log'),
  });

  const redis = restartableProcess({
    name: 'Redis',
    port: redisPort,
    command: required('redis-server', findExecutable('redis-server', []), 'apt-get install redis-server'),
    // The setting docs/operations.md asks of production: what Redis acknowledged survives a kill of Redis.
    args: [
      '--bind',
      '127.0.0.1',
      '--port',
      String(redisPort),
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--dir',
      path.join(dir, 'redis'),
    ],
    logFile: path.join(logs, 'redis.log'),
  });

  const brokerDir = path.join(dir, 'mosquitto');
  const account = bffBrokerAccount(brokerDir);
  const plugin = required(
    'Mosquitto dynamic-security plugin',
    findDynamicSecurityPlugin(process.env),
    'apt-get install mosquitto',
  );
  const broker = restartableProcess({
    name: 'Mosquitto',
    port: brokerPort,
    command: required(
      'mosquitto',
      findExecutable('mosquitto', ['/usr/sbin/mosquitto']),
      'apt-get install mosquitto',
    ),
    args: ['-c', writeMosquittoConfig(brokerDir, brokerPort, plugin, account)],
    logFile: path.join(logs, 'mosquitto.log'),
  });

  const database = 'chaos';
  const deliveries: string[] = [];
  const bff = restartableProcess({
    name: 'BFF',
    port: apiPort,
    command: process.execPath,
    args: ['--import', 'tsx', path.join(repoRoot, 'bff/src/main.ts')],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      MONGODB_URI: `mongodb://127.0.0.1:${mongoPort}/`,
      MONGODB_DB: database,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      MQTT_URL: `mqtt://127.0.0.1:${brokerPort}`,
      MQTT_USERNAME: account.username,
      MQTT_PASSWORD: account.password,
      JWT_SECRET: randomBytes(32).toString('hex'),
      INSTANCE_ID: 'chaos-bff',
      DEV_LOGIN: '1',
      LOG_LEVEL: 'info',
      SLA_TIME_SCALE: String(options.slaTimeScale),
      REPORT_RATE_LIMIT: '100000',
      ...options.bffEnv,
    },
    logFile: path.join(logs, 'bff.log'),
    readyTimeoutMs: 60_000,
    // As a production supervisor would: a BFF that ends itself is started again a second later.
    supervise: {
      restartDelayMs: 1_000,
      onRestart: (code) =>
        options.onBffRestart?.(
          code === null
            ? 'BFF died while starting; started again'
            : `BFF exited by itself (code ${code}); started again`,
        ),
    },
    onLine: (line) => {
      if (!line.includes('notification delivered')) return;
      try {
        const entry = JSON.parse(line) as { notificationId?: string };
        if (entry.notificationId) deliveries.push(entry.notificationId);
      } catch {
        // Not a JSON log line.
      }
    },
  });

  const services = { mongodb, redis, broker, bff };
  const stack: ChaosStack = {
    dir,
    mongodbUrl: `mongodb://127.0.0.1:${mongoPort}/`,
    redisUrl: `redis://127.0.0.1:${redisPort}`,
    mqttUrl: `mqtt://127.0.0.1:${brokerPort}`,
    apiUrl: `http://127.0.0.1:${apiPort}`,
    database,
    services,
    deliveries,
    async stop() {
      for (const service of [bff, broker, redis, mongodb]) await service.stop().catch(() => undefined);
      if (!process.env.CHAOS_KEEP) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await mongodb.start();
    await redis.start();
    await broker.start();
    await bff.start();
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}
