import fs from 'node:fs';
import os from 'node:os';
import mqtt from 'mqtt';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { bffBrokerAccount, dynamicSecurityState, type BrokerAccount } from './brokerAccounts';
import { startEmbeddedBroker } from './embeddedBroker';
import { findExecutable, startManagedProcess, type ManagedProcess } from './childProcess';
import { redisAppendOnlyAt } from './redisAppendOnly';
import { freePort, isListening, waitForPort } from './portProbe';

export type ServiceSource = 'configured' | 'already-running' | 'started';

export interface ResolvedService {
  url: string;
  source: ServiceSource;
  /** What provides it, for people reading the start-up banner. */
  provider: string;
}

/** The MQTT broker, with the BFF's own account on it when the broker has accounts. */
export interface BrokerService extends ResolvedService {
  username?: string;
  password?: string;
  /** Set when the BFF manages device accounts through Mosquitto's dynamic-security control API. */
  accounts?: 'dynamic-security';
}

export interface LocalServices {
  mongodb: ResolvedService;
  redis: ResolvedService;
  mqtt: BrokerService;
  /** Stops everything this launcher started; services it found running are left alone. */
  stop(): Promise<void>;
}

export interface LauncherOptions {
  env?: NodeJS.ProcessEnv;
  /** Where FerretDB's SQLite files, logs and built binaries live; defaults to <repo>/.data. */
  dataDir?: string;
  log?: (message: string) => void;
  /** Build FerretDB with Go when no binary is found (true by default). */
  installMissing?: boolean;
}

export class ServiceUnavailableError extends Error {
  override name = 'ServiceUnavailableError';
}

const repoRoot = path.resolve(__dirname, '../..');
const localHost = '127.0.0.1';

/**
 * Resolves MongoDB, Redis and MQTT in this order: an explicit URL from the environment, a service
 * already listening on its standard local port, one this launcher starts, or an error naming what
 * to install.
 */
export async function startLocalServices(options: LauncherOptions = {}): Promise<LocalServices> {
  const env = options.env ?? process.env;
  const dataDir = options.dataDir ?? path.join(repoRoot, '.data');
  const log = options.log ?? (() => undefined);
  fs.mkdirSync(path.join(dataDir, 'logs'), { recursive: true });

  const stoppers: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
    stoppers.length = 0;
  };

  try {
    const mongodb = await resolveMongo(env, dataDir, options.installMissing ?? true, log, stoppers);
    const redis = await resolveRedis(env, dataDir, log, stoppers);
    const mqtt = await resolveMqtt(env, dataDir, log, stoppers);
    return { mongodb, redis, mqtt, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function resolveMongo(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  installMissing: boolean,
  log: (message: string) => void,
  stoppers: Array<() => Promise<void>>,
): Promise<ResolvedService> {
  if (env.MONGODB_URI) return { url: env.MONGODB_URI, source: 'configured', provider: 'MONGODB_URI' };
  const port = Number(env.FERRETDB_PORT ?? 27017);
  const url = `mongodb://${localHost}:${port}/`;
  if (await isListening(localHost, port)) {
    return { url, source: 'already-running', provider: `MongoDB protocol on ${localHost}:${port}` };
  }

  const installed = path.join(dataDir, 'bin', 'ferretdb');
  let binary = findExecutable('ferretdb', [env.FERRETDB_BIN ?? '', installed], env.PATH);
  if (!binary && installMissing && findExecutable('go', ['/usr/local/go/bin/go'], env.PATH)) {
    log('FerretDB not found: building it with Go (scripts/install-ferretdb.sh)…');
    execFileSync('bash', [path.join(repoRoot, 'scripts/install-ferretdb.sh')], {
      stdio: 'inherit',
      env: { ...process.env, FERRETDB_INSTALL_DIR: path.dirname(installed) },
    });
    binary = findExecutable('ferretdb', [installed]);
  }
  if (!binary) {
    throw new ServiceUnavailableError(
      'MongoDB is not reachable and FerretDB is not installed. Run `bash scripts/install-ferretdb.sh` ' +
        '(needs Go 1.22+), or set MONGODB_URI to a MongoDB you run.',
    );
  }

  const sqliteDir = path.join(dataDir, 'ferretdb');
  const stateDir = path.join(dataDir, 'ferretdb-state');
  fs.mkdirSync(sqliteDir, { recursive: true });
  fs.mkdirSync(stateDir, { recursive: true });
  const child = startManagedProcess(
    'ferretdb',
    binary,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${sqliteDir}/`,
      `--state-dir=${stateDir}`,
      `--listen-addr=${localHost}:${port}`,
      `--debug-addr=${localHost}:0`,
      '--telemetry=disable',
      '--log-level=warn',
    ],
    path.join(dataDir, 'logs', 'ferretdb.log'),
  );
  stoppers.push(() => child.stop());
  await waitForChild(child, localHost, port, 20_000, 'FerretDB');
  log(`Started FerretDB (SQLite under ${sqliteDir}) on ${localHost}:${port}`);
  return { url, source: 'started', provider: `FerretDB ${binary}` };
}

/**
 * Redis holds device messages the broker was already told were stored, so it must keep an
 * append-only file: a Redis found on the port is used only if it does; otherwise the launcher starts
 * its own with AOF (fsync every second) under <data>/redis, on the next port.
 */
async function resolveRedis(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  log: (message: string) => void,
  stoppers: Array<() => Promise<void>>,
): Promise<ResolvedService> {
  if (env.REDIS_URL) return { url: env.REDIS_URL, source: 'configured', provider: 'REDIS_URL' };
  const standardPort = Number(env.REDIS_PORT ?? 6379);
  let port = standardPort;
  // The standard port, then the next (where an earlier run may have left its own); both taken: a free one.
  for (const candidate of [standardPort, standardPort + 1]) {
    port = candidate;
    if (!(await isListening(localHost, candidate))) break;
    const url = `redis://${localHost}:${candidate}`;
    if ((await redisAppendOnlyAt(url)) === true)
      return {
        url,
        source: 'already-running',
        provider: `Redis on ${localHost}:${candidate} (appendonly yes)`,
      };
    log(
      `Redis on ${localHost}:${candidate} keeps no append-only file (or would not say): a crash of it would ` +
        'lose device messages already acknowledged, so it is not used',
    );
    port = await freePort();
  }
  const binary = findExecutable('redis-server', [env.REDIS_SERVER_BIN ?? ''], env.PATH);
  if (!binary) {
    throw new ServiceUnavailableError(
      `No Redis with an append-only file on ${localHost}:${standardPort} and redis-server is not installed. ` +
        'Install it (`apt-get install redis-server`) or set REDIS_URL.',
    );
  }
  const redisDir = path.join(dataDir, 'redis');
  fs.mkdirSync(redisDir, { recursive: true });
  const start = async (onPort: number) => {
    const child = startManagedProcess(
      'redis-server',
      binary,
      [
        '--bind',
        localHost,
        '--port',
        String(onPort),
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'everysec',
        '--dir',
        redisDir,
      ],
      path.join(dataDir, 'logs', 'redis.log'),
    );
    stoppers.push(() => child.stop());
    await waitForChild(child, localHost, onPort, 10_000, 'redis-server');
  };
  try {
    await start(port);
  } catch (error) {
    // A port of our choosing can be held by an outgoing connection that nothing probes: take a free one.
    if (port === standardPort) throw error;
    port = await freePort();
    await start(port);
  }
  log(
    `Started redis-server with an append-only file (fsync every second) in ${redisDir} on ${localHost}:${port}`,
  );
  return {
    url: `redis://${localHost}:${port}`,
    source: 'started',
    provider: `redis-server ${binary} (appendonly yes)`,
  };
}

async function resolveMqtt(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  log: (message: string) => void,
  stoppers: Array<() => Promise<void>>,
): Promise<BrokerService> {
  if (env.MQTT_URL) {
    return {
      url: env.MQTT_URL,
      source: 'configured',
      provider: 'MQTT_URL',
      username: env.MQTT_USERNAME,
      password: env.MQTT_PASSWORD,
    };
  }
  // Devices are never pointed at an anonymous broker, so the launcher runs its own with accounts.
  const port = Number(env.MQTT_PORT ?? 1884);
  const url = `mqtt://${localHost}:${port}`;
  const dir = path.join(dataDir, 'mosquitto');
  const accountFile = path.join(dir, 'bff-account.json');
  if (await isListening(localHost, port)) {
    const account = fs.existsSync(accountFile) ? bffBrokerAccount(dir) : null;
    if (!account || !(await acceptsLogin(url, account))) {
      throw new ServiceUnavailableError(
        `Something already listens on ${localHost}:${port} that does not take this checkout's broker account ` +
          "(another checkout's stack, or a broker this launcher did not start). Stop it, choose another " +
          'MQTT_PORT, or set MQTT_URL, MQTT_USERNAME and MQTT_PASSWORD.',
      );
    }
    return {
      url,
      source: 'already-running',
      provider: `MQTT broker on ${localHost}:${port}`,
      accounts: 'dynamic-security',
      ...account,
    };
  }

  const mosquitto = findExecutable('mosquitto', [env.MOSQUITTO_BIN ?? ''], env.PATH);
  if (mosquitto) {
    const plugin = findDynamicSecurityPlugin(env);
    if (!plugin) {
      throw new ServiceUnavailableError(
        "Mosquitto's dynamic-security plugin was not found; install Mosquitto 2 (`apt-get install mosquitto`) " +
          'or set MOSQUITTO_DYNSEC_PLUGIN to mosquitto_dynamic_security.so.',
      );
    }
    const account = bffBrokerAccount(dir);
    const configFile = writeMosquittoConfig(dir, port, plugin, account);
    const child = startManagedProcess(
      'mosquitto',
      mosquitto,
      ['-c', configFile],
      path.join(dataDir, 'logs', 'mosquitto.log'),
    );
    stoppers.push(() => child.stop());
    await waitForChild(child, localHost, port, 10_000, 'mosquitto');
    log(`Started mosquitto with per-device accounts on ${localHost}:${port}`);
    return {
      url,
      source: 'started',
      provider: `mosquitto ${mosquitto}`,
      accounts: 'dynamic-security',
      ...account,
    };
  }

  const account = bffBrokerAccount(dir);
  const broker = await startEmbeddedBroker({
    host: localHost,
    port,
    stateFile: path.join(dir, 'aedes-accounts.json'),
    account,
  });
  stoppers.push(() => broker.close());
  log(`Started the embedded aedes MQTT broker with per-device accounts on ${localHost}:${port}`);
  return {
    url,
    source: 'started',
    provider: 'embedded aedes broker',
    accounts: 'dynamic-security',
    ...account,
  };
}

/** Does the broker let the BFF's account in? (A quick login, then goodbye.) */
async function acceptsLogin(url: string, account: BrokerAccount): Promise<boolean> {
  const client = mqtt.connect(url, {
    username: account.username,
    password: account.password,
    clientId: `jiefang-launcher-${process.pid}`,
    reconnectPeriod: 0,
    connectTimeout: 3000,
  });
  const accepted = await new Promise<boolean>((resolve) => {
    client.once('connect', () => resolve(true));
    client.once('error', () => resolve(false));
    client.once('close', () => resolve(false));
  });
  await client.endAsync(true);
  return accepted;
}

const dynamicSecurityPluginPaths = [
  '/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so',
  '/usr/lib/aarch64-linux-gnu/mosquitto_dynamic_security.so',
  '/usr/lib/mosquitto_dynamic_security.so',
  '/usr/local/lib/mosquitto_dynamic_security.so',
];

export function findDynamicSecurityPlugin(env: NodeJS.ProcessEnv): string | undefined {
  return [env.MOSQUITTO_DYNSEC_PLUGIN ?? '', ...dynamicSecurityPluginPaths].find(
    (candidate) => candidate && fs.existsSync(candidate),
  );
}

export function writeMosquittoConfig(
  dir: string,
  port: number,
  plugin: string,
  account: BrokerAccount,
): string {
  fs.mkdirSync(dir, { recursive: true });
  const stateFile = path.join(dir, 'dynamic-security.json');
  // Device accounts made at run time are kept; the BFF's own account and role are rewritten each
  // start, so a newer release's permissions apply to an existing data directory.
  fs.writeFileSync(stateFile, JSON.stringify(dynamicSecurityState(stateFile, account), null, 2), {
    mode: 0o600,
  });
  const file = path.join(dir, 'mosquitto.conf');
  // Persistence and explicit queue limits: Mosquitto's defaults lose queued QoS 1 messages on restart.
  fs.writeFileSync(
    file,
    [
      `listener ${port} ${localHost}`,
      'allow_anonymous false',
      // Run as whoever runs the launcher: started as root, Mosquitto would switch to a user that
      // cannot write its state under .data.
      `user ${os.userInfo().username}`,
      `plugin ${plugin}`,
      `plugin_opt_config_file ${stateFile}`,
      'persistence true',
      `persistence_location ${dir}/`,
      // Save after every change to the queues: a message acknowledged to a device and not yet taken by the
      // bridge survives a kill -9 of the broker (a 10 s autosave lost them in the chaos run).
      'autosave_on_changes true',
      'autosave_interval 1',
      'max_queued_messages 1000000',
      'max_inflight_messages 100',
      'max_packet_size 65536',
      '',
    ].join('\n'),
  );
  return file;
}

async function waitForChild(
  child: ManagedProcess,
  host: string,
  port: number,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const exited = new Promise<never>((_, reject) =>
    child.child.once('exit', (code) =>
      reject(
        new ServiceUnavailableError(`${what} exited with code ${code} before listening; see .data/logs/`),
      ),
    ),
  );
  await Promise.race([waitForPort(host, port, timeoutMs, what), exited]);
}
