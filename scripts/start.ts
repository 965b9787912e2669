// Starts the whole stack for a person at a keyboard: services, demo data, and the BFF serving the
// admin panel and the H5 mini-program. The caller's environment passes through to the BFF.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startLocalServices, waitForPort } from '@jiefang/dev-services';
import { connectMongo } from '../bff/src/infra/mongo';
import { systemClock } from '../bff/src/infra/clock';
import { isLoopbackHost } from '../bff/src/config';
import { loadDistrict } from '../bff/src/modules/district/district';
import { seedDemoAccounts } from '../bff/src/seed/demoAccounts';
import { provisionDemoDevices } from './demoDevices';
import { seedDemoEscorts } from './demoEscorts';

const root = path.resolve(__dirname, '..');
const dataDir = path.join(root, '.data');

/** A JWT secret kept under .data so sign-ins survive a restart of the local stack. */
function localJwtSecret(): string {
  const file = path.join(dataDir, 'jwt-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(48).toString('hex'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

// When whoever started us has gone, writing to its pipe must not crash the shutdown.
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);

async function main() {
  const services = await startLocalServices({ log: (message) => console.log(`· ${message}`) });
  // Every caller awaits the same stop: the signal handler must not exit while the services still stop,
  // or FerretDB, the last of them, is left running as an orphan.
  let stopping: Promise<void> | null = null;
  const stopServices = () => (stopping ??= services.stop());
  let shuttingDown = false;

  const port = Number(process.env.PORT ?? 3000);
  // Loopback unless asked otherwise: the dev login (anyone may sign in as anyone) is on only there.
  const host = process.env.HOST ?? '127.0.0.1';
  const devLogin = process.env.DEV_LOGIN ?? (isLoopbackHost(host) ? '1' : '0');
  // Where this script itself reaches the BFF.
  const reachHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const mongoDb = process.env.MONGODB_DB ?? 'jiefang';
  const demoPassword = process.env.DEMO_PASSWORD ?? 'jiefang-demo';
  const mongo = await connectMongo(services.mongodb.url, mongoDb);
  const seeded = await seedDemoAccounts(mongo, loadDistrict(), systemClock, demoPassword);
  await mongo.close();

  const bffEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: host,
    MONGODB_URI: services.mongodb.url,
    MONGODB_DB: mongoDb,
    // One Redis namespace per database, so stacks on different databases never share officers or timers.
    REDIS_PREFIX: process.env.REDIS_PREFIX ?? mongoDb,
    REDIS_URL: services.redis.url,
    MQTT_URL: services.mqtt.url,
    ...(services.mqtt.username ? { MQTT_USERNAME: services.mqtt.username } : {}),
    ...(services.mqtt.password ? { MQTT_PASSWORD: services.mqtt.password } : {}),
    JWT_SECRET: process.env.JWT_SECRET ?? localJwtSecret(),
    DEV_LOGIN: devLogin,
    ADMIN_DIST_DIR: process.env.ADMIN_DIST_DIR ?? path.join(root, 'admin/dist'),
    H5_DIST_DIR: process.env.H5_DIST_DIR ?? path.join(root, 'miniapp/dist/h5'),
  };
  const bff = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bff/src/main.ts')], {
    env: bffEnv,
    stdio: 'inherit',
  });
  const bffExited = new Promise<number>((resolve) => bff.once('exit', (code) => resolve(code ?? 1)));

  let fleet: ChildProcess | null = null;
  const shutdown = async (signal: NodeJS.Signals) => {
    shuttingDown = true;
    console.log(`\n${signal}: stopping the BFF and the services this launcher started…`);
    if (fleet && fleet.exitCode === null) fleet.kill('SIGTERM');
    if (bff.exitCode === null) bff.kill('SIGTERM');
    await bffExited;
    await stopServices();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);

  const ready = await Promise.race([
    waitForPort(reachHost, port, 60_000, 'the BFF').then(() => true),
    bffExited.then(() => false),
  ]);
  if (!ready) {
    console.error('The BFF exited during start-up; see its messages above.');
    await stopServices();
    process.exit(1);
  }

  const base = `http://${reachHost.includes(':') ? `[${reachHost}]` : reachHost}:${port}`;
  const devLoginOn = devLogin === '1' || devLogin === 'true';
  // A small demo fleet on the real broker, each device with its own account (DEMO_DEVICES=0 turns it off).
  let fleetLine = '  Devices  off (DEMO_DEVICES=0)';
  if (process.env.DEMO_DEVICES !== '0') {
    const credentialsFile = path.join(dataDir, 'devices.json');
    const provisioned = await provisionDemoDevices({
      baseUrl: base,
      adminPassword: demoPassword,
      credentialsFile,
      devLogin: devLoginOn,
    });
    fleet = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(root, 'mock-devices/src/cli.ts'),
        '--credentials',
        credentialsFile,
        '--url',
        services.mqtt.url,
        '--time-scale',
        process.env.DEMO_TIME_SCALE ?? '30',
      ],
      { stdio: ['ignore', fs.openSync(path.join(dataDir, 'logs', 'devices.log'), 'a'), 'inherit', 'ipc'] },
    );
    fleetLine = `  Devices  ${provisioned.devices} simulated (${provisioned.created} new; log .data/logs/devices.log)`;
  }
  const escortLine = `  ${await seedDemoEscorts({
    baseUrl: base,
    password: demoPassword,
    devLogin: devLoginOn,
  }).catch(
    (error: unknown) =>
      `escorts: demo data not seeded (${error instanceof Error ? error.message : String(error)})`,
  )}`;
  const serviceLine = (name: string, service: { url: string; provider: string }) =>
    `  ${name.padEnd(8)} ${service.url}  (${service.provider})`;
  console.log(
    [
      '',
      '街坊 Jiefang is running',
      `  BFF      ${base}  (health ${base}/readyz)`,
      `  Admin    ${base}/admin/  (e.g. admin / ${process.env.DEMO_PASSWORD ? '$DEMO_PASSWORD' : demoPassword})`,
      `  H5       ${base}/h5/`,
      devLoginOn
        ? `  Dev login ON: anyone who reaches ${host}:${port} may sign in as any role (POST /api/auth/dev-login)`
        : `  Dev login off${isLoopbackHost(host) ? ' (DEV_LOGIN=0)' : ` (HOST ${host} is not a loopback address)`}`,
      serviceLine('MongoDB', services.mongodb),
      serviceLine('Redis', services.redis),
      serviceLine('MQTT', services.mqtt),
      fleetLine,
      escortLine,
      `  Demo accounts: ${seeded.created.length} created, ${seeded.existing.length} already there`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );

  const code = await bffExited;
  if (!shuttingDown) {
    console.error(`The BFF exited with code ${code}.`);
    await stopServices();
    process.exit(code || 1);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
