import { formatFigures } from './chaosCount';
import { runChaos } from './chaosRun';

/** `npm run chaos`: a longer run than the one in `npm test`, two rounds of kills; prints the tally. */
async function main(): Promise<void> {
  const seconds = Number(process.env.CHAOS_SECONDS ?? 60);
  const { figures } = await runChaos({
    loadMs: seconds * 1000,
    reportsPerSecond: Number(process.env.CHAOS_REPORTS_PER_SECOND ?? 10),
    residents: 20,
    devices: Number(process.env.CHAOS_DEVICES ?? 20),
    deviceIntervalMs: 250,
    downMs: 2_000,
    rounds: Number(process.env.CHAOS_ROUNDS ?? 2),
    victims: victimsFrom(process.env.CHAOS_KILL),
    bffEnv: process.env.BRIDGE_SUBSCRIPTION ? { BRIDGE_SUBSCRIPTION: process.env.BRIDGE_SUBSCRIPTION } : {},
    settleMs: 120_000,
    slaTimeScale: 0.02,
    log: (message) => console.log(message),
  });
  console.log(formatFigures(figures));
  const broken = [figures.reports, figures.alarms, figures.slaEvents, figures.notifications].some(
    (tally) => tally.lost > 0 || tally.duplicated > 0,
  );
  process.exit(broken ? 1 : 0);
}

function victimsFrom(list: string | undefined) {
  if (!list) return undefined;
  const names = ['bff', 'redis', 'mongodb', 'broker'] as const;
  const chosen = list.split(',').map((name) => name.trim());
  const unknown = chosen.filter((name) => !(names as readonly string[]).includes(name));
  if (unknown.length)
    throw new Error(`CHAOS_KILL names unknown services: ${unknown.join(', ')} (use ${names.join(', ')})`);
  return names.filter((name) => chosen.includes(name));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
