import fs from 'node:fs';
import path from 'node:path';
import { startChaosStack, type ChaosStack } from './chaosStack';
import { deviceLoad, reportLoad, signInRecipients } from './chaosLoad';
import { countOutcomes, type ChaosFigures } from './chaosCount';
import type { RestartableProcess } from './restartableProcess';

export interface ChaosOptions {
  /** How long the load runs; the kills happen inside it. */
  loadMs: number;
  reportsPerSecond: number;
  residents: number;
  devices: number;
  deviceIntervalMs: number;
  /** How long each killed service stays down. */
  downMs: number;
  /** Rounds of killing every service in turn. */
  rounds: number;
  /** Which services to kill (all four unless narrowed, e.g. to find which one loses something). */
  victims?: ReadonlyArray<keyof ChaosStack['services']>;
  /** How long to wait after the load for everything promised to happen. */
  settleMs: number;
  /** 15 minutes on site become 15 × this. */
  slaTimeScale: number;
  /** Extra settings for the BFF, e.g. BRIDGE_SUBSCRIPTION. */
  bffEnv?: Record<string, string>;
  log?: (message: string) => void;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ChaosResult {
  figures: ChaosFigures;
  kills: string[];
}

/**
 * Runs a bounded load of reports and device messages against a stack of its own while the BFF, Redis,
 * MongoDB and the broker are each killed with SIGKILL and started again, then counts what was lost.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const log = options.log ?? (() => undefined);
  const kills: string[] = [];
  const stack = await startChaosStack({
    slaTimeScale: options.slaTimeScale,
    bffEnv: options.bffEnv,
    onBffRestart: (what) => {
      kills.push(what);
      log(what);
    },
  });
  log(`stack in ${stack.dir}; BFF at ${stack.apiUrl}`);
  try {
    await signInRecipients(stack.apiUrl);
    const loadStarted = Date.now();
    const retryUntil = loadStarted + options.loadMs + options.settleMs;
    const reports = reportLoad({
      apiUrl: stack.apiUrl,
      residents: options.residents,
      perSecond: options.reportsPerSecond,
      durationMs: options.loadMs,
      retryUntil,
    });
    const devices = deviceLoad({
      apiUrl: stack.apiUrl,
      mqttUrl: stack.mqttUrl,
      devices: options.devices,
      intervalMs: options.deviceIntervalMs,
      durationMs: options.loadMs,
      ackUntil: retryUntil,
    });
    // Awaited below, after the kills: marked handled now, so a failure meanwhile ends the run through
    // the `finally` (stopping the stack) rather than as an unhandled rejection that orphans it.
    reports.catch(() => undefined);
    devices.catch(() => undefined);
    await killInTurn(stack, options, loadStarted, (what) => {
      kills.push(what);
      log(what);
    });
    const [reportOutcomes, deviceOutcomes] = await Promise.all([reports, devices]);
    log(
      `load done: ${reportOutcomes.length} reports, ${deviceOutcomes.reduce((n, d) => n + d.published, 0)} device messages`,
    );

    const settleUntil = Date.now() + options.settleMs;
    // Every deadline of the load must have come, plus the reconciler's period, before SLA events are counted.
    const lastBreach = loadStarted + options.loadMs + 15 * 60_000 * options.slaTimeScale + 35_000;
    let figures = await count(stack, reportOutcomes, deviceOutcomes);
    while (Date.now() < settleUntil) {
      const everythingDue = Date.now() > lastBreach;
      const nothingLost = [figures.reports, figures.alarms, figures.slaEvents, figures.notifications].every(
        (tally) => tally.lost === 0,
      );
      if (everythingDue && nothingLost) break;
      await pause(3_000);
      figures = await count(stack, reportOutcomes, deviceOutcomes);
    }
    if (process.env.CHAOS_KEEP) keepOutcomes(stack.dir, reportOutcomes, deviceOutcomes, kills);
    return { figures, kills };
  } finally {
    await stack.stop();
  }
}

/** With CHAOS_KEEP, what the clients were promised stays beside the services' data and logs, to compare. */
function keepOutcomes(dir: string, reports: unknown, devices: unknown, kills: string[]) {
  fs.writeFileSync(path.join(dir, 'outcomes.json'), JSON.stringify({ kills, reports, devices }, null, 1));
}

function count(
  stack: ChaosStack,
  reports: Awaited<ReturnType<typeof reportLoad>>,
  devices: Awaited<ReturnType<typeof deviceLoad>>,
) {
  return countOutcomes({
    mongodbUrl: stack.mongodbUrl,
    database: stack.database,
    reports,
    devices,
    deliveries: stack.deliveries,
    now: new Date(),
  });
}

/** Kills each service in turn, evenly over the load, and starts it again after downMs. */
async function killInTurn(
  stack: ChaosStack,
  options: ChaosOptions,
  loadStarted: number,
  record: (what: string) => void,
): Promise<void> {
  const chosen = options.victims ?? (['bff', 'redis', 'mongodb', 'broker'] as const);
  const victims: RestartableProcess[] = [];
  for (let round = 0; round < options.rounds; round += 1)
    victims.push(...chosen.map((name) => stack.services[name]));
  const spacing = options.loadMs / (victims.length + 1);
  for (const [index, victim] of victims.entries()) {
    await pause(Math.max(0, loadStarted + spacing * (index + 1) - Date.now()));
    await victim.kill();
    record(`${((Date.now() - loadStarted) / 1000).toFixed(1)} s: kill -9 ${victim.name}`);
    await pause(options.downMs);
    await victim.start();
    record(`${((Date.now() - loadStarted) / 1000).toFixed(1)} s: ${victim.name} back`);
  }
}
