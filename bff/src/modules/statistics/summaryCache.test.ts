import { emptySummary, type Summary } from '../../domain/ticketStatistics';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { statisticsKeys } from './statisticsKeys';
import { statisticsStore } from './statisticsStore';
import { summaryCache } from './summaryCache';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('summary-cache', { background: false });
});
afterAll(() => t.close());

const withTickets = (tickets: number): Summary => {
  const summary = emptySummary();
  summary.totals.tickets = tickets;
  return summary;
};
/** Two BFF processes over the same database and Redis, each with its own remembered summaries. */
const instances = () => {
  const store = statisticsStore(t.mongo);
  return [summaryCache({ redis: t.redis, store }), summaryCache({ redis: t.redis, store })] as const;
};
const ticketsOf = async (cache: ReturnType<typeof summaryCache>, id: string) =>
  (await cache.read([id])).get(id)?.totals.tickets ?? null;

describe('remembered summaries', () => {
  it('never serves a copy another process has since rewritten', async () => {
    const [first, second] = instances();
    await first.write([{ id: 'day:2030-03-04|all', summary: withTickets(3) }], t.clock.now());
    expect(await second.read(['day:2030-03-04|all', 'day:2030-03-05|all'])).toEqual(
      new Map([['day:2030-03-04|all', withTickets(3)]]),
    );
    await first.write([{ id: 'day:2030-03-04|all', summary: withTickets(4) }], t.clock.now());
    expect(await ticketsOf(second, 'day:2030-03-04|all')).toBe(4);
    expect(await ticketsOf(first, 'day:2030-03-04|all')).toBe(4);
  });

  it('reads a remembered summary without the database while its token is current', async () => {
    const [first, second] = instances();
    await first.write([{ id: 'month:2030-02|all', summary: withTickets(9) }], t.clock.now());
    expect(await ticketsOf(second, 'month:2030-02|all')).toBe(9);
    // The document changes behind the caches' backs (no new token): the remembered copy still answers.
    await t.mongo
      .collection<{ _id: string; summary: string }>('statistics_summaries')
      .updateOne({ _id: 'month:2030-02|all' }, { $set: { summary: JSON.stringify(withTickets(1)) } });
    expect(await ticketsOf(second, 'month:2030-02|all')).toBe(9);
  });

  it('takes lost tokens from the documents, and a later write still wins', async () => {
    const [first, second] = instances();
    await first.write([{ id: 'week:2030-03-04|all', summary: withTickets(5) }], t.clock.now());
    await t.redis.del(statisticsKeys.summaryTokens);
    expect(await ticketsOf(second, 'week:2030-03-04|all')).toBe(5);
    expect(await t.redis.hget(statisticsKeys.summaryTokens, 'week:2030-03-04|all')).not.toBeNull();
    await first.write([{ id: 'week:2030-03-04|all', summary: withTickets(6) }], t.clock.now());
    expect(await ticketsOf(second, 'week:2030-03-04|all')).toBe(6);
  });

  it('forgets everything when a rebuild drops the summaries', async () => {
    const [first, second] = instances();
    await first.write([{ id: 'day:2030-04-01|all', summary: withTickets(2) }], t.clock.now());
    expect(await ticketsOf(second, 'day:2030-04-01|all')).toBe(2);
    await statisticsStore(t.mongo).clear();
    await first.forgetAll();
    expect(await ticketsOf(second, 'day:2030-04-01|all')).toBeNull();
  });
});
