import { startTestApp, type TestApp } from '../../testing/testApp';
import { staffChanges } from '../users/staffChanges';
import { userModels } from '../users/userModel';
import { staffDirectory, staffLookupFreshForMs } from './staffDirectory';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('staff_directory', { background: false });
});
afterAll(() => t.close());

describe('staffDirectory', () => {
  it('remembers who holds a role until staff change, and never longer than its limit', async () => {
    const directory = staffDirectory(userModels(t.mongo), staffChanges(t.redis), t.clock);
    expect(await directory.dispatchers()).toEqual([]);

    // A new dispatcher signing in bumps the staff version: the next look-up reads again.
    const first = await t.loginAs('dispatcher', '调度员甲');
    expect(await directory.dispatchers()).toEqual([first.userId]);

    // A change made behind the BFF's back (a seed script) shows once the remembered answer is too old.
    const now = t.clock.now();
    await userModels(t.mongo).User.create({
      _id: 'seeded-dispatcher',
      name: '调度员乙',
      roles: ['dispatcher'],
      disabled: false,
      createdAt: now,
      updatedAt: now,
    });
    expect(await directory.dispatchers()).toEqual([first.userId]);
    t.clock.advance(staffLookupFreshForMs);
    expect((await directory.dispatchers()).sort()).toEqual([first.userId, 'seeded-dispatcher'].sort());
  });
});
