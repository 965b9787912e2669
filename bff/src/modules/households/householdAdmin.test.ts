import {
  confirmOwnerInvitationResponseSchema,
  householdListSchema,
  householdSchema,
  ownerInvitationSchema,
} from '@jiefang/contracts';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { auth, chigangSite } from '../../testing/reportFixtures';
import { invitationGuessLimit, invitationLifetimeMs } from './ownerInvitations';

let t: TestApp;
let admin: string;
let worker: string;
const sms: Array<{ phone: string; code: string }> = [];
const jiangnanSite = { lat: 23.108, lng: 113.27 };
let phoneSeq = 0;
/** A fresh mobile per test: invitations are looked up by phone. */
const nextPhone = () =>
  `139${String(Date.now() % 1e6).padStart(6, '0')}${String((phoneSeq += 1)).padStart(2, '0')}`;

beforeAll(async () => {
  t = await startTestApp('household_admin', {
    background: false,
    deps: {
      invitationSms: async (phone, invitation) => {
        sms.push({ phone, code: invitation.code });
        return true;
      },
    },
  });
  admin = (await t.loginAs('admin', '管理员')).token;
  worker = (await t.loginAs('community_worker', '赤岗社工', '赤岗街道')).token;
});
afterAll(() => t.close());

const createAt = (token: string, location: { lat: number; lng: number }, address = '赤岗路 1 号 302') =>
  t.http.post('/api/households').set(auth(token)).send({ location, address });

const invite = (token: string, householdId: string, phone: string) =>
  t.http.post(`/api/households/${householdId}/invitations`).set(auth(token)).send({ phone });

const confirm = (token: string, phone: string, code: string) =>
  t.http.post('/api/households/invitations/confirm').set(auth(token)).send({ phone, code });

describe('households placed on the map', () => {
  it('derives street and grid from the location and generates an id', async () => {
    const created = householdSchema.parse((await createAt(worker, chigangSite).expect(201)).body);
    expect(created.id).toMatch(/^hh-[0-9a-f]{12}$/);
    expect(created.streetId).toBe('chigang');
    expect(created.streetName).toBe('赤岗街道');
    expect(created.location).toEqual(chigangSite);
    expect(created.gridId).toMatch(/^chigang-/);
    expect(created.gridName).toBeTruthy();
  });

  it('refuses a point outside the district and a street that disagrees with the point', async () => {
    const outside = await createAt(admin, { lat: 39.9, lng: 116.4 }).expect(400);
    expect(outside.body.error.details.fields[0].path).toBe('location');
    await t.http
      .post('/api/households')
      .set(auth(admin))
      .send({ location: chigangSite, street: '江南中街道', address: 'x' })
      .expect(400);
  });

  it('keeps old households (typed id, street only) readable, with no location', async () => {
    const old = await t.http
      .post('/api/households')
      .set(auth(admin))
      .send({ id: 'legacy-0001', street: '赤岗街道', address: '赤岗路 9 号' })
      .expect(201);
    expect(old.body.location).toBeNull();
    expect(old.body.gridId).toBeNull();
    const read = householdSchema.parse(
      (await t.http.get('/api/households/legacy-0001').set(auth(admin)).expect(200)).body,
    );
    expect(read.owners).toEqual([]);
  });

  it('lets a street worker edit address, contacts and location within their street only', async () => {
    const { id } = (await createAt(worker, chigangSite).expect(201)).body as { id: string };
    const moved = householdSchema.parse(
      (
        await t.http
          .patch(`/api/households/${id}`)
          .set(auth(worker))
          .send({ address: '赤岗路 2 号 101', contacts: [{ name: '黄先生', phone: '13800002222' }] })
          .expect(200)
      ).body,
    );
    expect(moved.address).toBe('赤岗路 2 号 101');
    expect(moved.contacts).toEqual([{ name: '黄先生', phone: '13800002222' }]);
    const away = await t.http
      .patch(`/api/households/${id}`)
      .set(auth(worker))
      .send({ location: jiangnanSite })
      .expect(403);
    expect(away.body.error.code).toBe('forbidden');
    // The admin may move it: street and grid follow.
    const adminMoved = await t.http
      .patch(`/api/households/${id}`)
      .set(auth(admin))
      .send({ location: jiangnanSite })
      .expect(200);
    expect(adminMoved.body.streetName).toBe('江南中街道');
    // Now in another street: the worker is not told it exists.
    await t.http.patch(`/api/households/${id}`).set(auth(worker)).send({ address: 'x' }).expect(404);
    await invite(worker, id, nextPhone()).expect(404);
  });

  it('searches by address', async () => {
    await createAt(worker, chigangSite, '赤岗路 77 号 搜索楼').expect(201);
    const found = householdListSchema.parse(
      (await t.http.get('/api/households').query({ q: '搜索楼' }).set(auth(worker)).expect(200)).body,
    );
    expect(found.items.map((item) => item.address)).toEqual(['赤岗路 77 号 搜索楼']);
    const none = await t.http.get('/api/households').query({ q: '.*' }).set(auth(admin)).expect(200);
    expect(none.body.items).toEqual([]);
  });
});

describe('owner invitations', () => {
  let householdId: string;
  beforeAll(async () => {
    householdId = (
      (await createAt(worker, chigangSite, '赤岗路 5 号 601').expect(201)).body as { id: string }
    ).id;
  });

  it('invites by phone, sends the code by SMS, and the owner confirms once (idempotent)', async () => {
    const phone = nextPhone();
    const invitation = ownerInvitationSchema.parse(
      (await invite(worker, householdId, phone).expect(201)).body,
    );
    expect(invitation.delivery).toBe('sms');
    expect(sms.at(-1)).toEqual({ phone, code: invitation.code });

    const owner = await t.loginAs('resident', '微信业主甲');
    const confirmed = confirmOwnerInvitationResponseSchema.parse(
      (await confirm(owner.token, phone, invitation.code).expect(200)).body,
    );
    expect(confirmed.household.address).toBe('赤岗路 5 号 601');
    expect(confirmed.session.user.roles).toEqual(['resident', 'property_owner']);
    // The same request again (a retry) changes nothing.
    await confirm(owner.token, phone, invitation.code).expect(200);
    const mine = householdListSchema.parse(
      (await t.http.get('/api/households').set(auth(confirmed.session.token)).expect(200)).body,
    );
    expect(mine.items.map((item) => item.id)).toEqual([householdId]);
    expect(mine.items[0]?.owners).toEqual([
      { id: owner.userId, phone, linkedAt: expect.any(String) as string },
    ]);
    // Single use: nobody else can use it.
    const other = await t.loginAs('resident', '路人乙');
    await confirm(other.token, phone, invitation.code).expect(422);
    // Staff see the owner, the squad leader with the phone masked.
    const leader = (await t.loginAs('squad_leader', '赤岗中队长', '赤岗街道')).token;
    const seen = await t.http.get(`/api/households/${householdId}`).set(auth(leader)).expect(200);
    expect(seen.body.owners[0].phone).toMatch(/^139\*{4}\d{4}$/);
  });

  it('limits wrong codes per user, without locking out the real owner', async () => {
    const phone = nextPhone();
    const invitation = ownerInvitationSchema.parse(
      (await invite(worker, householdId, phone).expect(201)).body,
    );
    const guesser = await t.loginAs('resident', '猜码者');
    const wrong = invitation.code === '000000' ? '000001' : '000000';
    for (let attempt = 0; attempt < invitationGuessLimit.attempts; attempt += 1)
      await confirm(guesser.token, phone, wrong).expect(422);
    const refused = await confirm(guesser.token, phone, invitation.code).expect(429);
    expect(refused.headers['retry-after']).toBeDefined();
    const owner = await t.loginAs('resident', '真业主');
    await confirm(owner.token, phone, invitation.code).expect(200);
  });

  it('lets only this street’s staff invite and remove owners', async () => {
    const other = (await t.loginAs('community_worker', '江南中社工', '江南中街道')).token;
    await invite(other, householdId, nextPhone()).expect(404);
    const phone = nextPhone();
    const invitation = ownerInvitationSchema.parse(
      (await invite(worker, householdId, phone).expect(201)).body,
    );
    const owner = await t.loginAs('resident', '待移除业主');
    await confirm(owner.token, phone, invitation.code).expect(200);
    await t.http.delete(`/api/households/${householdId}/owners/${owner.userId}`).set(auth(other)).expect(404);
    await t.http
      .delete(`/api/households/${householdId}/owners/${owner.userId}`)
      .set(auth(worker))
      .expect(204);
    await t.http
      .delete(`/api/households/${householdId}/owners/${owner.userId}`)
      .set(auth(worker))
      .expect(404);
    const after = await t.http.get(`/api/households/${householdId}`).set(auth(worker)).expect(200);
    expect(after.body.ownerIds).not.toContain(owner.userId);
    await t.http.get(`/api/households/${householdId}`).set(auth(owner.token)).expect(403);
  });
  it('takes the owner role away with the last household, keeps the resident, and gives it back on a new invitation', async () => {
    const second = (
      (await createAt(worker, chigangSite, '赤岗路 7 号 101').expect(201)).body as { id: string }
    ).id;
    const owner = await t.loginAs('resident', '两套房业主');
    const own = async (household: string) => {
      const phone = nextPhone();
      const invitation = ownerInvitationSchema.parse(
        (await invite(worker, household, phone).expect(201)).body,
      );
      return confirmOwnerInvitationResponseSchema.parse(
        (await confirm(owner.token, phone, invitation.code).expect(200)).body,
      ).session;
    };
    await own(householdId);
    const session = await own(second);
    const rolesNow = async () =>
      (
        (await t.http.get('/api/me').set(auth(session.token)).expect(200)).body as {
          user: { roles: string[] };
        }
      ).user.roles;
    const remove = (household: string) =>
      t.http.delete(`/api/households/${household}/owners/${owner.userId}`).set(auth(worker)).expect(204);

    await remove(householdId);
    expect(await rolesNow()).toEqual(['resident', 'property_owner']);
    await remove(second);
    expect(await rolesNow()).toEqual(['resident']);
    // Nothing else ends: the session still works and the resident still reports.
    await t.http.get('/api/reports').set(auth(session.token)).expect(200);
    const again = await own(second);
    expect(again.user.roles).toEqual(['resident', 'property_owner']);
    expect(await rolesNow()).toEqual(['resident', 'property_owner']);
  });

  it('leaves an account that was only an owner a resident when its last household goes', async () => {
    const owner = await t.loginAs('property_owner', '仅业主');
    const household = (
      (
        await t.http
          .post('/api/households')
          .set(auth(worker))
          .send({ location: chigangSite, address: '赤岗路 8 号 202', ownerIds: [owner.userId] })
          .expect(201)
      ).body as { id: string }
    ).id;
    await t.http.delete(`/api/households/${household}/owners/${owner.userId}`).set(auth(worker)).expect(204);
    const me = await t.http.get('/api/me').set(auth(owner.token)).expect(200);
    expect(me.body.user.roles).toEqual(['resident']);
  });

  it('refuses an expired code and one replaced by a newer invitation', async () => {
    const phone = nextPhone();
    const first = ownerInvitationSchema.parse((await invite(admin, householdId, phone).expect(201)).body);
    const second = ownerInvitationSchema.parse((await invite(admin, householdId, phone).expect(201)).body);
    const owner = await t.loginAs('resident', '微信业主丙');
    if (first.code !== second.code) await confirm(owner.token, phone, first.code).expect(422);
    t.clock.advance(invitationLifetimeMs + 1000);
    // Last test: the clock moved past every token's life, so the owner signs in again.
    const later = await t.loginAs('resident', '微信业主丙');
    await confirm(later.token, phone, second.code).expect(422);
  });
});
