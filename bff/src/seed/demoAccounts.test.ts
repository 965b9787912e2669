import { startTestApp, type TestApp } from '../testing/testApp';
import { loadDistrict } from '../modules/district/district';
import { demoStaff, seedDemoAccounts } from './demoAccounts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('seed');
});
afterAll(() => t.close());

describe('seedDemoAccounts', () => {
  it('creates an account for every role, and a second run creates nothing', async () => {
    const district = loadDistrict();
    const first = await seedDemoAccounts(t.mongo, district, t.clock, 'demo-password-1');
    expect(first.created.length).toBe(demoStaff(district).length + 4);
    const second = await seedDemoAccounts(t.mongo, district, t.clock, 'demo-password-1');
    expect(second.created).toEqual([]);

    const leader = await t.http
      .post('/api/auth/login')
      .send({ username: 'chigang-leader', password: 'demo-password-1' })
      .expect(200);
    expect(leader.body.user).toMatchObject({ roles: ['squad_leader'], squadId: 'squad-chigang' });

    // One grid worker per grid, each a community worker of the grid's street.
    const gridWorkers = demoStaff(district).filter((account) => account.grid);
    expect(gridWorkers.map((account) => account.grid).sort()).toEqual(
      district.grids.map((grid) => grid.properties.id).sort(),
    );
    const gridWorker = await t.http
      .post('/api/auth/login')
      .send({ username: 'chigang-grid1', password: 'demo-password-1' })
      .expect(200);
    expect(gridWorker.body.user).toMatchObject({
      roles: ['community_worker'],
      streetId: 'chigang',
      gridId: 'chigang-g1',
    });

    const resident = await t.http
      .post('/api/auth/dev-login')
      .send({ role: 'resident', name: '王阿姨' })
      .expect(200);
    expect(resident.body.user.id).toMatch(/^demo-resident-/);

    const roles = new Set<string>();
    const { body } = await t.http
      .get('/api/users?limit=200')
      .set('Authorization', `Bearer ${(await t.loginAs('admin', '检查员')).token}`)
      .expect(200);
    for (const user of body.items) for (const role of user.roles) roles.add(role);
    expect([...roles].sort()).toEqual([
      'admin',
      'community_worker',
      'dispatcher',
      'officer',
      'property_owner',
      'resident',
      'squad_leader',
      'volunteer',
    ]);
  });
});
