import { resolve } from 'node:path';
import { deviceTypes } from '@jiefang/contracts';
import type { SimulatorOptions } from './args';
import type { Clock } from './clock';
import {
  CredentialsError,
  generateIdentities,
  loadCredentials,
  selectFromCredentials,
  shortTypeNames,
  type DeviceCounts,
  type DeviceIdentity,
} from './credentials';
import { Fleet, type FleetSummary } from './fleet';
import type { Logger } from './logger';
import type { Random } from './random';
import { createBehaviourFactory } from './scenario';
import type { ConnectFn } from './simulatedDevice';

export interface RunDeps {
  connect: ConnectFn;
  clock: Clock;
  logger: Logger;
  /** Resolves with a reason (e.g. "SIGINT") when the simulator should stop. */
  stopRequested: Promise<string>;
  /** Directory a relative --credentials path is resolved against. */
  cwd: string;
  readFile?: (path: string) => Promise<string>;
  /** Source of every random choice (signals, backoff jitter); Math.random unless a test injects one. */
  random?: Random;
}

export interface RunResult {
  summary: FleetSummary;
  elapsedMs: number;
  /** 0, or 1 when not a single device could connect. */
  exitCode: number;
}

/** Builds the fleet from the options, runs it until asked to stop or `durationMs` passed, then stops it cleanly. */
export async function runSimulator(options: SimulatorOptions, deps: RunDeps): Promise<RunResult> {
  const { clock, logger } = deps;
  const random = deps.random ?? Math.random;
  const { signals } = options;
  const identities = await chooseIdentities(options, deps);
  const startedAt = clock.now();
  logger.info(
    `starting ${describeFleet(identities)} against ${redactUrl(options.url)}; scenario ${signals.scenario}` +
      (signals.timeScale === 1 ? '' : ` at ${signals.timeScale}× speed`) +
      `; heartbeat every ${options.heartbeatMs / 1000} s` +
      (options.durationMs === undefined
        ? '; Ctrl-C to stop'
        : `; stopping after ${options.durationMs / 1000} s`),
  );

  const fleet = new Fleet({
    identities,
    staggerMs: options.staggerMs,
    clock,
    logger,
    device: {
      url: options.url,
      connect: deps.connect,
      clock,
      logger,
      heartbeatMs: options.heartbeatMs,
      keepaliveSec: options.keepaliveSec,
      sessionExpirySec: options.sessionExpirySec,
      firmware: options.firmware,
      random,
      behaviour: createBehaviourFactory(signals, { clock, logger, random }),
    },
  });
  void fleet.start();

  let cancelDuration: (() => void) | undefined;
  const durationReached = new Promise<string>((done) => {
    if (options.durationMs !== undefined) {
      cancelDuration = clock.setTimeout(
        () => done(`--duration ${options.durationMs! / 1000} s reached`),
        options.durationMs,
      );
    }
  });
  const reason = await Promise.race([deps.stopRequested, durationReached]);
  cancelDuration?.();

  logger.info(`stopping (${reason}): publishing offline and disconnecting`);
  await fleet.stop();
  const summary = fleet.summary();
  if (summary.connected === 0) logger.error(`no device could connect to ${redactUrl(options.url)}`);
  return { summary, elapsedMs: clock.now() - startedAt, exitCode: summary.connected === 0 ? 1 : 0 };
}

async function chooseIdentities(options: SimulatorOptions, deps: RunDeps): Promise<DeviceIdentity[]> {
  if (options.credentialsPath === undefined) {
    const identities = generateIdentities(options.counts as DeviceCounts, options.prefix);
    deps.logger.warn(
      `no --credentials file: ${identities.length} devices log in with generated ids (like ${identities[0]?.id}) and ` +
        'no password; only a broker that allows anonymous clients accepts them',
    );
    return identities;
  }
  const path = resolve(deps.cwd, options.credentialsPath);
  const identities = selectFromCredentials(await loadCredentials(path, deps.readFile), options.counts);
  if (identities.length === 0) throw new CredentialsError(`no devices to simulate from ${path}`);
  return identities;
}

function describeFleet(identities: DeviceIdentity[]): string {
  const parts = deviceTypes
    .map(
      (type) =>
        [shortTypeNames[type], identities.filter((identity) => identity.type === type).length] as const,
    )
    .filter(([, count]) => count > 0)
    .map(([name, count]) => `${count} ${name}`);
  return `${identities.length} devices (${parts.join(', ')})`;
}

/** The URL with any password masked, for logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}
