import { notificationListSchema, officerListSchema, squadRosterSchema } from '@jiefang/contracts';
import {
  auth,
  chigangSite,
  eventually,
  north,
  officerOnDuty,
  submitReport,
} from '../../testing/reportFixtures';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { testRedis } from '../../testing/testRedis';
import { loadDistrict } from '../district/district';
import { rosterStore } from './rosterStore';
import { shiftReminders } from './shiftReminders';

let t: TestApp;
beforeAll(async () => {
  // The test clock starts at 08:00 Beijing time on 2026-11-23: the day shift.
  t = await startTestApp('rosters');
});
afterAll(() => t.close());

const hour = 3600_000;
const squad = 'squad-chigang';

describe('rosters and night duty', () => {
  let leader: { token: string; userId: string };
  let dayOfficer: { token: string; userId: string };
  let nightOfficer: { token: string; userId: string };

  /** Signs everyone in again: moving the clock on hours lets tokens expire. */
  const signIn = async () => {
    leader = await t.loginAs('squad_leader', '赤岗中队长', '赤岗街道');
    dayOfficer = await t.loginAs('officer', '白班队员', '赤岗街道');
    nightOfficer = await t.loginAs('officer', '夜班队员', '赤岗街道');
  };
  beforeAll(signIn);

  it('lets the squad leader plan their own squad, and nobody else’s', async () => {
    await t.http
      .put(`/api/squads/${squad}/schedule`)
      .set(auth(leader.token))
      .send({
        rosterDispatch: true,
        shifts: [
          { id: 'day', name: '白班', start: '08:00' },
          { id: 'night', name: '夜班', start: '20:00' },
        ],
      })
      .expect(200);
    await t.http
      .put(`/api/squads/${squad}/roster/2026-11-23/day`)
      .set(auth(leader.token))
      .send({ officerIds: [dayOfficer.userId] })
      .expect(200);
    await t.http
      .put(`/api/squads/${squad}/roster/2026-11-23/night`)
      .set(auth(leader.token))
      .send({ officerIds: [nightOfficer.userId, nightOfficer.userId] })
      .expect(200);

    const roster = squadRosterSchema.parse(
      (
        await t.http
          .get(`/api/squads/${squad}/roster?from=2026-11-23&days=2`)
          .set(auth(dayOfficer.token))
          .expect(200)
      ).body,
    );
    expect(roster.current).toMatchObject({ date: '2026-11-23', shiftId: 'day' });
    expect(roster.entries.map((entry) => [entry.shiftId, entry.officerIds])).toEqual([
      ['day', [dayOfficer.userId]],
      ['night', [nightOfficer.userId]],
    ]);

    const otherLeader = await t.loginAs('squad_leader', '华洲中队长', '华洲街道');
    await t.http
      .put(`/api/squads/${squad}/roster/2026-11-24/day`)
      .set(auth(otherLeader.token))
      .send({ officerIds: [] })
      .expect(403);
    await t.http.get(`/api/squads/${squad}/roster?from=2026-11-23`).set(auth(otherLeader.token)).expect(403);
    // Officers read their roster; they do not write it.
    await t.http
      .put(`/api/squads/${squad}/roster/2026-11-24/day`)
      .set(auth(dayOfficer.token))
      .send({ officerIds: [dayOfficer.userId] })
      .expect(403);
    const resident = await t.loginAs('resident', '排班居民');
    await t.http.get(`/api/squads/${squad}/roster?from=2026-11-23`).set(auth(resident.token)).expect(403);
  });

  it('refuses an officer of another squad, an unknown shift and an unknown squad', async () => {
    const stranger = await t.loginAs('officer', '华洲队员', '华洲街道');
    const wrongSquad = await t.http
      .put(`/api/squads/${squad}/roster/2026-11-24/day`)
      .set(auth(leader.token))
      .send({ officerIds: [stranger.userId] })
      .expect(400);
    expect(wrongSquad.body.error.code).toBe('validation_failed');
    await t.http
      .put(`/api/squads/${squad}/roster/2026-11-24/evening`)
      .set(auth(leader.token))
      .send({ officerIds: [] })
      .expect(400);
    await t.http
      .put(`/api/squads/${squad}/roster/24-11-2026/day`)
      .set(auth(leader.token))
      .send({ officerIds: [] })
      .expect(400);
    const dispatcher = await t.loginAs('dispatcher', '排班调度员');
    await t.http
      .get('/api/squads/squad-nowhere/roster?from=2026-11-23')
      .set(auth(dispatcher.token))
      .expect(404);
  });

  it('reminds the officers of the coming shift once, 30 minutes before it starts', async () => {
    t.clock.advance(11 * hour + 35 * 60_000); // 19:35
    await signIn();
    const sent: string[] = [];
    // Marks of its own, so the app's sweep below still has its reminder to send.
    const marks = testRedis('shift_reminders');
    const reminders = shiftReminders({
      rosters: rosterStore(t.mongo, t.clock),
      district: loadDistrict(),
      outbox: {
        enqueue: async (records) => {
          sent.push(
            ...records.map((record) => `${record.recipientId}:${record.template}:${record.data.startsAt}`),
          );
        },
      },
      redis: marks.redis,
      clock: t.clock,
    });
    try {
      expect(await reminders.sendDue()).toBe(1);
      expect(sent).toEqual([`${nightOfficer.userId}:shift_reminder:11月23日 20:00`]);
      expect(await reminders.sendDue()).toBe(0);
    } finally {
      await marks.dispose();
    }

    // The app's own periodic sweep does the same: the officer finds it among their notifications.
    const inbox = await eventually(async () => {
      const response = await t.http.get('/api/notifications').set(auth(nightOfficer.token)).expect(200);
      const list = notificationListSchema.parse(response.body);
      return list.items.find((item) => item.template === 'shift_reminder') ?? null;
    }, 25_000);
    expect(inbox.data).toMatchObject({ shiftName: '夜班', startsAt: '11月23日 20:00' });
    const dayInbox = notificationListSchema.parse(
      (await t.http.get('/api/notifications').set(auth(dayOfficer.token)).expect(200)).body,
    );
    expect(dayInbox.items.some((item) => item.template === 'shift_reminder')).toBe(false);
  }, 40_000);

  it('sends a report at 23:00 to the night shift, and offers only its officers by hand', async () => {
    t.clock.advance(3 * hour + 25 * 60_000); // 23:00
    await signIn();
    // The day officer is nearer, on duty still, but not on the night shift.
    await officerOnDuty(t, '白班队员', north(chigangSite, 30));
    await officerOnDuty(t, '夜班队员', north(chigangSite, 400));
    const resident = await t.loginAs('resident', '夜间居民');
    const report = await submitReport(t, resident.token, { ...chigangSite }, 201);
    expect(report.body.assigneeId).toBe(nightOfficer.userId);

    const officers = officerListSchema.parse(
      (await t.http.get('/api/officers').set(auth(leader.token)).expect(200)).body,
    );
    const onShift = Object.fromEntries(officers.items.map((officer) => [officer.name, officer.onShift]));
    expect(onShift).toMatchObject({ 白班队员: false, 夜班队员: true });
  });

  it('dispatches to whoever is nearest once the squad stops dispatching by roster', async () => {
    await t.http
      .put(`/api/squads/${squad}/schedule`)
      .set(auth(leader.token))
      .send({ rosterDispatch: false, shifts: [{ id: 'all', name: '全天', start: '00:00' }] })
      .expect(200);
    const resident = await t.loginAs('resident', '夜间居民二');
    const site = north(chigangSite, 3);
    const report = await submitReport(t, resident.token, { ...site, category: 'illegal_parking' }, 201);
    expect(report.body.assigneeId).toBe(dayOfficer.userId);
    const officers = officerListSchema.parse(
      (await t.http.get('/api/officers').set(auth(leader.token)).expect(200)).body,
    );
    expect(officers.items.every((officer) => officer.onShift === null)).toBe(true);
  });
});
