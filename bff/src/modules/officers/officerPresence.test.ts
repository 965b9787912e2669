import type { Redis } from 'ioredis';
import { ManualClock } from '../../infra/clock';
import { north } from '../../testing/reportFixtures';
import { officerPresence } from './officerPresence';
import { officerWorkloads } from './officerWorkloads';
import { testRedis } from '../../testing/testRedis';

let redis: Redis;
let dispose: () => Promise<void>;
beforeAll(() => {
  ({ redis, dispose } = testRedis('presence'));
});
afterAll(() => dispose());

const site = { lat: 23.1066, lng: 113.3245 };

describe('officerPresence.candidatesNear', () => {
  it('returns only officers who could go, and stops at the first ring holding one of the squad', async () => {
    const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
    const presence = officerPresence(redis, clock);
    const workloads = officerWorkloads(redis);
    const onDutyAt = async (id: string, squadId: string, metres: number) => {
      await presence.setDuty({ id, squadId, name: `队员${id}` }, true, 'ebike', 2);
      await presence.updateLocation(id, north(site, metres));
    };
    await onDutyAt('stale', 'north', 50);
    clock.advance(6 * 60_000);
    await onDutyAt('full', 'north', 60);
    await workloads.track('t1', 'full');
    await workloads.track('t2', 'full');
    await onDutyAt('refused', 'north', 70);
    await onDutyAt('neighbour', 'south', 150);
    await onDutyAt('own', 'north', 400);
    await onDutyAt('beyond', 'north', 900);
    await onDutyAt('off', 'north', 20);
    await presence.setDuty({ id: 'off', squadId: 'north' }, false);

    const found = await presence.candidatesNear(site, { squadId: 'north', excluded: new Set(['refused']) });
    expect(found.map((officer) => officer.officerId)).toEqual(['neighbour', 'own']);
    expect(found[1]).toMatchObject({
      name: '队员own',
      squadId: 'north',
      capacity: 2,
      activeTickets: 0,
      travelMode: 'ebike',
    });
    expect(found[1]?.location?.lat).toBeCloseTo(north(site, 400).lat, 5);

    // Nobody of the squad anywhere: everyone eligible within the widest ring, for the fallback.
    const elsewhere = await presence.candidatesNear(site, { squadId: 'east', excluded: new Set() });
    expect(elsewhere.map((officer) => officer.officerId).sort()).toEqual([
      'beyond',
      'neighbour',
      'own',
      'refused',
    ]);
  });
});
