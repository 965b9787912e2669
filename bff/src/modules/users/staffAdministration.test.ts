import { startTestApp, type TestApp } from '../../testing/testApp';
import { signInAsStaff } from '../../testing/staffLogin';
import { auth, chigangSite, north, officerOnDuty, submitReport } from '../../testing/reportFixtures';
import { userModels } from './userModel';

let t: TestApp;
/** The district's administrator (no street), and the street administrators of 赤岗 and 华洲. */
let district: string;
let chigangAdmin: { token: string; userId: string };
let huazhouAdmin: string;

beforeAll(async () => {
  t = await startTestApp('staff-administration', { background: false });
  district = (await signInAsStaff(t, 'district-admin', ['admin'])).token;
  chigangAdmin = await signInAsStaff(t, 'chigang-admin', ['admin'], '赤岗街道');
  huazhouAdmin = (await signInAsStaff(t, 'huazhou-admin', ['admin'], '华洲街道')).token;
});
afterAll(() => t.close());

const account = (username: string, extra: Record<string, unknown> = {}) => ({
  username,
  password: `${username}-first-1`,
  name: `测试${username}`,
  roles: ['officer'],
  street: '赤岗街道',
  ...extra,
});

const create = async (token: string, body: Record<string, unknown>) =>
  (await t.http.post('/api/users').set(auth(token)).send(body).expect(201)).body as {
    id: string;
    streetId?: string;
    squadId?: string;
  };

/** Signs in with the first password and changes it, as a new staff member does: a full token. */
async function firstSignIn(username: string, password = `${username}-first-1`): Promise<string> {
  const login = await t.http.post('/api/auth/login').send({ username, password }).expect(200);
  expect(login.body.user.mustChangePassword).toBe(true);
  const changed = await t.http
    .post('/api/auth/password')
    .set(auth(login.body.token as string))
    .send({ currentPassword: password, newPassword: `${username}-own-2` })
    .expect(200);
  return changed.body.token as string;
}

describe('searching staff', () => {
  beforeAll(async () => {
    await create(district, account('search-zhang', { name: '搜索张三', phone: '13800001234' }));
    await create(
      district,
      account('search-li', { name: '搜索李四', roles: ['community_worker'], street: '华洲街道' }),
    );
    const wang = await create(district, account('search-wang', { name: '搜索王五' }));
    await t.http.patch(`/api/users/${wang.id}`).set(auth(district)).send({ disabled: true }).expect(200);
  });

  const names = async (query: string) => {
    const response = await t.http.get(`/api/users?${query}`).set(auth(district)).expect(200);
    return (response.body.items as Array<{ name: string }>).map((user) => user.name).sort();
  };

  it('finds a part of a name, a username or a phone number, literally', async () => {
    expect(await names(`q=${encodeURIComponent('张三')}`)).toEqual(['搜索张三']);
    expect(await names('q=SEARCH-')).toEqual(['搜索张三', '搜索李四', '搜索王五'].sort());
    expect(await names('q=0001234')).toEqual(['搜索张三']);
    expect(await names(`q=${encodeURIComponent('.*')}`)).toEqual([]);
  });

  it('filters by role, street, squad and whether disabled, and pages', async () => {
    expect(await names('q=search&role=community_worker')).toEqual(['搜索李四']);
    expect(await names(`q=search&street=${encodeURIComponent('华洲街道')}`)).toEqual(['搜索李四']);
    expect(await names('q=search&squad=squad-chigang')).toEqual(['搜索张三', '搜索王五'].sort());
    expect(await names('q=search&disabled=true')).toEqual(['搜索王五']);
    expect(await names('q=search&disabled=false')).toEqual(['搜索张三', '搜索李四'].sort());
    const page = await t.http.get('/api/users?q=search&limit=2&offset=2').set(auth(district)).expect(200);
    expect(page.body).toMatchObject({ total: 3 });
    expect(page.body.items).toHaveLength(1);
    await t.http.get('/api/users?disabled=maybe').set(auth(district)).expect(400);
    await t.http.get('/api/users?q=%00%07').set(auth(district)).expect(400);
  });
});

describe('a street administrator', () => {
  let ownOfficer: string;
  let otherOfficer: string;
  beforeAll(async () => {
    ownOfficer = (await create(district, account('scope-own'))).id;
    otherOfficer = (await create(district, account('scope-other', { street: '华洲街道' }))).id;
  });

  it('lists only their street’s staff and is refused another street’s list', async () => {
    const list = await t.http.get('/api/users?limit=200').set(auth(chigangAdmin.token)).expect(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    for (const user of list.body.items) expect(user.streetId).toBe('chigang');
    const refused = await t.http
      .get(`/api/users?street=${encodeURIComponent('华洲街道')}`)
      .set(auth(chigangAdmin.token))
      .expect(403);
    expect(refused.body.error.code).toBe('forbidden');
  });

  it('sees, edits, disables and resets their street’s staff, and none of another street', async () => {
    const as = auth(chigangAdmin.token);
    await t.http.get(`/api/users/${ownOfficer}`).set(as).expect(200);
    await t.http.patch(`/api/users/${ownOfficer}`).set(as).send({ name: '本街队员' }).expect(200);
    await t.http.post(`/api/users/${ownOfficer}/password-reset`).set(as).expect(200);

    await t.http.get(`/api/users/${otherOfficer}`).set(as).expect(403);
    await t.http.patch(`/api/users/${otherOfficer}`).set(as).send({ name: '越权' }).expect(403);
    await t.http.patch(`/api/users/${otherOfficer}`).set(as).send({ disabled: true }).expect(403);
    await t.http.post(`/api/users/${otherOfficer}/password-reset`).set(as).expect(403);
    // The other street's administrator is refused this street's officer the same way.
    await t.http
      .patch(`/api/users/${ownOfficer}`)
      .set(auth(huazhouAdmin))
      .send({ disabled: true })
      .expect(403);
    const other = await t.http.get(`/api/users/${otherOfficer}`).set(auth(district)).expect(200);
    expect(other.body).toMatchObject({ name: '测试scope-other' });
    expect(other.body.disabled).toBeUndefined();
  });

  it('creates staff in their street only, and never a district administrator or a dispatcher', async () => {
    const as = auth(chigangAdmin.token);
    const officer = await create(chigangAdmin.token, account('street-made', { street: undefined }));
    expect(officer).toMatchObject({ streetId: 'chigang', squadId: 'squad-chigang' });
    // An admin they make is an administrator of their street, not of the district.
    const admin = await create(
      chigangAdmin.token,
      account('street-made-admin', { roles: ['admin'], street: undefined }),
    );
    expect(admin.streetId).toBe('chigang');

    const refuse = (body: Record<string, unknown>) =>
      t.http.post('/api/users').set(as).send(body).expect(403);
    await refuse(account('street-other', { street: '华洲街道' }));
    await refuse(account('street-dispatcher', { roles: ['dispatcher'], street: undefined }));
    await refuse(
      account('street-grid-other', { roles: ['community_worker'], street: undefined, grid: 'huazhou-g1' }),
    );
  });

  it('cannot move their staff to another street or touch district-level accounts', async () => {
    const as = auth(chigangAdmin.token);
    await t.http.patch(`/api/users/${ownOfficer}`).set(as).send({ street: '华洲街道' }).expect(403);
    await t.http
      .patch(`/api/users/${ownOfficer}`)
      .set(as)
      .send({ roles: ['officer', 'dispatcher'] })
      .expect(403);
    const districtAdmin = await t.http.get('/api/users?role=admin&limit=200').set(auth(district)).expect(200);
    const unstreeted = (districtAdmin.body.items as Array<{ id: string; streetId?: string }>).find(
      (user) => !user.streetId,
    );
    await t.http.patch(`/api/users/${unstreeted!.id}`).set(as).send({ disabled: true }).expect(403);
    const unchanged = await t.http.get(`/api/users/${ownOfficer}`).set(auth(district)).expect(200);
    expect(unchanged.body).toMatchObject({ streetId: 'chigang', squadId: 'squad-chigang' });
  });

  it('has the street from their account: an edit of it ends their sessions, and the next sign-in has it', async () => {
    const helper = await signInAsStaff(t, 'moving-admin', ['admin'], '赤岗街道');
    await t.http.get(`/api/users/${otherOfficer}`).set(auth(helper.token)).expect(403);
    await t.http.patch(`/api/users/${helper.userId}`).set(auth(district)).send({ street: null }).expect(200);
    // The street travels in the token (no read per request), so the old token ends with it.
    await t.http.get(`/api/users/${otherOfficer}`).set(auth(helper.token)).expect(401);
    const again = await t.http
      .post('/api/auth/login')
      .send({ username: 'moving-admin', password: 'moving-admin-password' })
      .expect(200);
    await t.http
      .get(`/api/users/${otherOfficer}`)
      .set(auth(again.body.token as string))
      .expect(200);
  });
});

describe('editing an account', () => {
  it('edits name, roles, street and grid, the squad following the street', async () => {
    const id = (await create(district, account('edited-one'))).id;
    const moved = await t.http
      .patch(`/api/users/${id}`)
      .set(auth(district))
      .send({ name: '调动队员', street: '华洲街道' })
      .expect(200);
    expect(moved.body).toMatchObject({ name: '调动队员', streetId: 'huazhou', squadId: 'squad-huazhou' });
    const worker = await t.http
      .patch(`/api/users/${id}`)
      .set(auth(district))
      .send({ roles: ['community_worker'], grid: 'chigang-g1' })
      .expect(200);
    expect(worker.body).toMatchObject({
      roles: ['community_worker'],
      streetId: 'chigang',
      gridId: 'chigang-g1',
    });
    expect(worker.body.squadId).toBeUndefined();
    const offGrid = await t.http
      .patch(`/api/users/${id}`)
      .set(auth(district))
      .send({ grid: null })
      .expect(200);
    expect(offGrid.body).toMatchObject({ streetId: 'chigang' });
    expect(offGrid.body.gridId).toBeUndefined();
    await t.http
      .patch(`/api/users/${id}`)
      .set(auth(district))
      .send({ roles: ['officer'], street: null })
      .expect(400);
    await t.http.patch(`/api/users/${id}`).set(auth(district)).send({ street: '不存在街道' }).expect(400);
    await t.http.patch('/api/users/nobody').set(auth(district)).send({ name: '无人' }).expect(404);
  });

  it('ends the sessions of an officer moved to another squad, off duty, handing on held tickets', async () => {
    const leaving = await officerOnDuty(t, '调离队员', north(chigangSite, 30));
    const resident = await t.loginAs('resident', '调动测试居民');
    const report = await submitReport(t, resident.token, { lat: chigangSite.lat, lng: chigangSite.lng }, 201);
    expect(report.body.assigneeId).toBe(leaving.userId);
    const next = await officerOnDuty(t, '留守队员', north(chigangSite, 400));

    await t.http
      .patch(`/api/users/${leaving.userId}`)
      .set(auth(district))
      .send({ street: '华洲街道' })
      .expect(200);

    const me = await t.http.get('/api/me').set(auth(leaving.token)).expect(401);
    expect(me.body.error.code).toBe('unauthenticated');
    expect(await t.redis.exists(`officer:${leaving.userId}`)).toBe(0);
    const ticket = await t.http.get(`/api/tickets/${report.body.id}`).set(auth(district)).expect(200);
    expect(ticket.body.assigneeId).toBe(next.userId);
    expect(JSON.stringify(ticket.body.timeline)).toContain('调离');
    const moved = await t.http.get(`/api/users/${leaving.userId}`).set(auth(district)).expect(200);
    expect(moved.body).toMatchObject({ streetId: 'huazhou', squadId: 'squad-huazhou' });
  });

  it('ends sessions on a change of roles, not on a new name or contacts', async () => {
    await create(district, account('renamed-one'));
    const token = await firstSignIn('renamed-one');
    const id = (await t.http.get('/api/me').set(auth(token)).expect(200)).body.user.id as string;
    await t.http
      .patch(`/api/users/${id}`)
      .set(auth(district))
      .send({ name: '改名队员', phone: '13900139000' })
      .expect(200);
    const me = await t.http.get('/api/me').set(auth(token)).expect(200);
    expect(me.body.user).toMatchObject({ name: '改名队员', phone: '13900139000' });

    await t.http
      .patch(`/api/users/${id}`)
      .set(auth(district))
      .send({ roles: ['officer', 'squad_leader'] })
      .expect(200);
    await t.http.get('/api/me').set(auth(token)).expect(401);
    const login = await t.http
      .post('/api/auth/login')
      .send({ username: 'renamed-one', password: 'renamed-one-own-2' })
      .expect(200);
    expect(login.body.user.roles).toEqual(['officer', 'squad_leader']);
  });
});

describe('passwords', () => {
  it('makes a new account change its first password before anything else', async () => {
    await create(district, account('first-login'));
    const login = await t.http
      .post('/api/auth/login')
      .send({ username: 'first-login', password: 'first-login-first-1' })
      .expect(200);
    expect(login.body.user.mustChangePassword).toBe(true);
    const restricted = auth(login.body.token as string);
    const me = await t.http.get('/api/me').set(restricted).expect(403);
    expect(me.body.error.code).toBe('password_change_required');
    const duty = await t.http.post('/api/officer/duty').set(restricted).send({ onDuty: true }).expect(403);
    expect(duty.body.error.code).toBe('password_change_required');

    const wrong = await t.http
      .post('/api/auth/password')
      .set(restricted)
      .send({ currentPassword: 'not-my-password', newPassword: 'brand-new-pass-9' })
      .expect(400);
    expect(wrong.body.error.details.fields[0].path).toBe('currentPassword');
    const weak = await t.http
      .post('/api/auth/password')
      .set(restricted)
      .send({ currentPassword: 'first-login-first-1', newPassword: 'onlyletters' })
      .expect(400);
    expect(JSON.stringify(weak.body)).toContain('至少两类');

    const changed = await t.http
      .post('/api/auth/password')
      .set(restricted)
      .send({ currentPassword: 'first-login-first-1', newPassword: 'brand-new-pass-9' })
      .expect(200);
    expect(changed.body.user.mustChangePassword).toBeUndefined();
    await t.http.get('/api/me').set(restricted).expect(401);
    const full = auth(changed.body.token as string);
    await t.http.get('/api/me').set(full).expect(200);
    await t.http.post('/api/officer/duty').set(full).send({ onDuty: true }).expect(200);
    await t.http
      .post('/api/auth/login')
      .send({ username: 'first-login', password: 'first-login-first-1' })
      .expect(401);
    const normal = await t.http
      .post('/api/auth/login')
      .send({ username: 'first-login', password: 'brand-new-pass-9' })
      .expect(200);
    expect(normal.body.user.mustChangePassword).toBeUndefined();
  });

  it('resets a password to a one-time one shown once, ending sessions; the next sign-in must change it', async () => {
    await create(district, account('reset-me'));
    const token = await firstSignIn('reset-me');
    const id = (await t.http.get('/api/me').set(auth(token)).expect(200)).body.user.id as string;

    const reset = await t.http.post(`/api/users/${id}/password-reset`).set(auth(district)).expect(200);
    const temporary = reset.body.temporaryPassword as string;
    expect(temporary).toMatch(/^[A-Za-z2-9]{12}$/);
    expect(reset.body.user).toMatchObject({ id, mustChangePassword: true });
    await t.http.get('/api/me').set(auth(token)).expect(401);
    // Kept as a hash only.
    const stored = await userModels(t.mongo).User.findById(id).lean();
    expect(JSON.stringify(stored)).not.toContain(temporary);

    await t.http
      .post('/api/auth/login')
      .send({ username: 'reset-me', password: 'reset-me-own-2' })
      .expect(401);
    const login = await t.http
      .post('/api/auth/login')
      .send({ username: 'reset-me', password: temporary })
      .expect(200);
    expect(login.body.user.mustChangePassword).toBe(true);
    await t.http
      .get('/api/me')
      .set(auth(login.body.token as string))
      .expect(403);
    const changed = await t.http
      .post('/api/auth/password')
      .set(auth(login.body.token as string))
      .send({ currentPassword: temporary, newPassword: 'after-reset-3' })
      .expect(200);
    await t.http
      .get('/api/me')
      .set(auth(changed.body.token as string))
      .expect(200);
  });

  it('lets any staff member change their own password, and refuses resets of oneself or by dev login', async () => {
    const worker = await signInAsStaff(t, 'own-change', ['community_worker'], '赤岗街道');
    const changed = await t.http
      .post('/api/auth/password')
      .set(auth(worker.token))
      .send({ currentPassword: 'own-change-password', newPassword: 'own-change-new-1' })
      .expect(200);
    expect(changed.body.user.id).toBe(worker.userId);
    await t.http.get('/api/me').set(auth(worker.token)).expect(401);

    await t.http
      .post(`/api/users/${chigangAdmin.userId}/password-reset`)
      .set(auth(chigangAdmin.token))
      .expect(422);
    const dev = await t.loginAs('admin', '开发登录重置');
    await t.http.post(`/api/users/${worker.userId}/password-reset`).set(auth(dev.token)).expect(403);
    const resident = await t.loginAs('resident', '没有密码的居民');
    await t.http
      .post('/api/auth/password')
      .set(auth(resident.token))
      .send({ currentPassword: 'whatever', newPassword: 'some-new-pass-1' })
      .expect(422);
  });
});
