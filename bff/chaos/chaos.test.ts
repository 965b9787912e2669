import { formatFigures } from './chaosCount';
import { runChaos } from './chaosRun';

// A short run of `npm run chaos`: the BFF, Redis, MongoDB and the broker each killed once with SIGKILL
// under load, with the default (exclusive) bridge subscriptions. `npm test` runs it after the other
// suites, alone.
describe('killing each service during load', () => {
  it('loses and duplicates nothing that was acknowledged', async () => {
    const { figures, kills } = await runChaos({
      loadMs: 30_000,
      reportsPerSecond: 3,
      residents: 6,
      devices: 6,
      deviceIntervalMs: 300,
      downMs: 1_500,
      rounds: 1,
      victims: ['bff', 'redis', 'mongodb', 'broker'],
      settleMs: 90_000,
      slaTimeScale: 0.02,
    });
    process.stderr.write(`chaos (short run)\n${kills.join('\n')}\n${formatFigures(figures)}\n`);
    for (const tally of [figures.reports, figures.alarms, figures.slaEvents, figures.notifications]) {
      expect(tally.acknowledged).toBeGreaterThan(0);
      expect({ lost: tally.lost, duplicated: tally.duplicated }).toEqual({ lost: 0, duplicated: 0 });
    }
    expect(figures.unansweredReports).toBe(0);
  }, 300_000);
});
