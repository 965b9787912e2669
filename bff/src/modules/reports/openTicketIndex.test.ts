import type { Redis } from 'ioredis';
import { north } from '../../testing/reportFixtures';
import { officerWorkloads } from '../officers/officerWorkloads';
import { openTicketIndex } from './openTicketIndex';
import { testRedis } from '../../testing/testRedis';

let redis: Redis;
let dispose: () => Promise<void>;
beforeAll(() => {
  ({ redis, dispose } = testRedis('index'));
});
afterAll(() => dispose());

const site = { lat: 23.1066, lng: 113.3245 };

describe('openTicketIndex', () => {
  it('finds recent tickets of the same category within the radius, with their report time', async () => {
    const index = openTicketIndex(redis);
    const at = new Date('2026-12-01T10:00:00Z');
    await index.add({ _id: 'near', category: 'garbage', location: north(site, 30), reportedAt: at });
    await index.add({ _id: 'far', category: 'garbage', location: north(site, 400), reportedAt: at });
    await index.add({ _id: 'other-kind', category: 'noise', location: site, reportedAt: at });

    const found = await index.near('garbage', site, 50, new Date(at.getTime() - 30 * 60_000));
    expect(found.map((ticket) => ticket.id)).toEqual(['near']);
    expect(found[0]?.reportedAt.getTime()).toBe(at.getTime());
    expect(found[0]?.location.lat).toBeCloseTo(north(site, 30).lat, 5);
  });

  it('drops tickets whose window has passed, and tickets it is told to forget', async () => {
    const index = openTicketIndex(redis);
    const old = new Date('2026-12-01T09:00:00Z');
    const recent = new Date('2026-12-01T09:50:00Z');
    await index.add({ _id: 'old', category: 'road_damage', location: site, reportedAt: old });
    await index.add({ _id: 'recent', category: 'road_damage', location: site, reportedAt: recent });
    const since = new Date('2026-12-01T09:30:00Z');
    expect((await index.near('road_damage', site, 50, since)).map((ticket) => ticket.id)).toEqual(['recent']);
    expect(await redis.zscore('open-tickets:road_damage:at', 'old')).toBeNull();

    await index.forget('road_damage', ['recent']);
    expect(await index.near('road_damage', site, 50, since)).toEqual([]);
  });
});

describe('officerWorkloads', () => {
  it('counts the tickets each officer holds as tickets move between them', async () => {
    const workloads = officerWorkloads(redis);
    await workloads.track('t1', 'alice');
    await workloads.track('t2', 'alice');
    await workloads.track('t2', 'alice');
    await workloads.track('t3', 'bob');
    expect(Object.fromEntries(await workloads.counts(['alice', 'bob', 'carol']))).toEqual({
      alice: 2,
      bob: 1,
      carol: 0,
    });

    await workloads.track('t1', 'bob');
    await workloads.track('t3', null);
    expect(Object.fromEntries(await workloads.counts(['alice', 'bob']))).toEqual({ alice: 1, bob: 1 });
  });

  it('is rebuilt from the tickets, replacing whatever Redis held', async () => {
    const workloads = officerWorkloads(redis);
    await workloads.track('stale', 'dave');
    await workloads.rebuild([
      { ticketId: 'x', holderId: 'erin' },
      { ticketId: 'y', holderId: 'erin' },
    ]);
    expect(Object.fromEntries(await workloads.counts(['dave', 'erin']))).toEqual({ dave: 0, erin: 2 });
    // The rebuilt state keeps being tracked.
    await workloads.track('x', null);
    expect((await workloads.counts(['erin'])).get('erin')).toBe(1);
  });
});
