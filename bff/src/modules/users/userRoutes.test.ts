import { roles, type Role } from '@jiefang/contracts';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { signInAsStaff } from '../../testing/staffLogin';

let t: TestApp;
let adminToken: string;
beforeAll(async () => {
  t = await startTestApp('users');
  adminToken = (await signInAsStaff(t, 'admin1', ['admin', 'dispatcher'])).token;
});
afterAll(() => t.close());

const newOfficer = {
  username: 'chigang-officer9',
  password: 'a-long-password',
  name: '赤岗九号队员',
  roles: ['officer'],
  street: '赤岗街道',
};

describe('staff accounts', () => {
  it.each(roles.filter((role) => role !== 'admin'))('denies %s with 403', async (role: Role) => {
    const { token } = await t.loginAs(
      role,
      `越权${role}`,
      role === 'officer' || role === 'squad_leader' ? '赤岗' : undefined,
    );
    const list = await t.http.get('/api/users').set('Authorization', `Bearer ${token}`).expect(403);
    expect(list.body.error).toMatchObject({ code: 'forbidden', details: { requiredRoles: ['admin'] } });
    await t.http.post('/api/users').set('Authorization', `Bearer ${token}`).send(newOfficer).expect(403);
  });

  it('refuses to create staff with a token from the dev login, even an admin one', async () => {
    const { token } = await t.loginAs('admin', '开发登录管理员');
    const response = await t.http
      .post('/api/users')
      .set('Authorization', `Bearer ${token}`)
      .send({ ...newOfficer, username: 'dev-made-officer' })
      .expect(403);
    expect(response.body.error).toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/开发登录/),
    });
    await t.http
      .post('/api/auth/login')
      .send({ username: 'dev-made-officer', password: 'a-long-password' })
      .expect(401);
  });

  it('denies an anonymous caller with 401', async () => {
    await t.http.get('/api/users').expect(401);
  });

  it('lets an admin create an account that can then sign in, once', async () => {
    const created = await t.http
      .post('/api/users')
      .set('Authorization', `Bearer ${adminToken}`)
      .send(newOfficer)
      .expect(201);
    expect(created.body).toMatchObject({ username: 'chigang-officer9', squadId: 'squad-chigang' });

    const login = await t.http
      .post('/api/auth/login')
      .send({ username: 'chigang-officer9', password: 'a-long-password' })
      .expect(200);
    expect(login.body.user.id).toBe(created.body.id);

    const again = await t.http
      .post('/api/users')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ ...newOfficer, username: 'Chigang-Officer9'.toLowerCase() })
      .expect(409);
    expect(again.body.error.code).toBe('conflict');
  });

  it('refuses a password account without a staff role with 422', async () => {
    const response = await t.http
      .post('/api/users')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ ...newOfficer, username: 'resident-pw', roles: ['resident'], street: undefined })
      .expect(422);
    expect(response.body.error.code).toBe('unprocessable');
  });

  it('makes a community worker the grid worker of a grid, which implies the street', async () => {
    const gridWorker = {
      username: 'chigang-grid9',
      password: 'a-long-password',
      name: '赤岗网格员9号',
      roles: ['community_worker'],
      grid: '广州塔社区第1网格',
    };
    const created = await t.http
      .post('/api/users')
      .set('Authorization', `Bearer ${adminToken}`)
      .send(gridWorker)
      .expect(201);
    expect(created.body).toMatchObject({ gridId: 'chigang-g4', streetId: 'chigang', streetName: '赤岗街道' });
    expect(created.body.squadId).toBeUndefined();

    const refuse = async (body: Record<string, unknown>, message: RegExp) => {
      const response = await t.http
        .post('/api/users')
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ ...gridWorker, username: 'grid-refused', ...body })
        .expect(400);
      expect(response.body.error.details.fields).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: 'grid', message: expect.stringMatching(message) }),
        ]),
      );
    };
    await refuse({ grid: 'chigang-g9' }, /没有这个网格/);
    await refuse({ grid: 'chigang-g1', street: '华洲街道' }, /不在华洲街道/);
    await refuse({ grid: 'chigang-g1', roles: ['officer'], street: 'chigang' }, /社区工作者/);
  });

  it('shows a user to that user and to admins and dispatchers, not to other users', async () => {
    const owner = await t.loginAs('resident', '自己');
    const other = await t.loginAs('resident', '别人');
    const dispatcher = await t.loginAs('dispatcher', '调度');
    const path = `/api/users/${owner.userId}`;
    await t.http.get(path).set('Authorization', `Bearer ${owner.token}`).expect(200);
    await t.http.get(path).set('Authorization', `Bearer ${dispatcher.token}`).expect(200);
    await t.http.get(path).set('Authorization', `Bearer ${adminToken}`).expect(200);
    const denied = await t.http.get(path).set('Authorization', `Bearer ${other.token}`).expect(403);
    expect(denied.body.error.code).toBe('forbidden');
    await t.http.get('/api/users/nobody').set('Authorization', `Bearer ${adminToken}`).expect(404);
  });

  it('lists accounts filtered by role and street', async () => {
    const response = await t.http
      .get('/api/users?role=officer&street=chigang')
      .set('Authorization', `Bearer ${adminToken}`)
      .expect(200);
    expect(response.body.items.length).toBeGreaterThan(0);
    for (const user of response.body.items) expect(user).toMatchObject({ streetId: 'chigang' });
    await t.http.get('/api/users?limit=0').set('Authorization', `Bearer ${adminToken}`).expect(400);
  });
});

describe('staff contacts for notifications', () => {
  const bearer = () => ({ Authorization: `Bearer ${adminToken}` });

  it('keeps a mainland mobile (normalised) and a WeCom UserID given at creation, shown to admins', async () => {
    const created = await t.http
      .post('/api/users')
      .set(bearer())
      .send({ ...newOfficer, username: 'contact-officer', phone: '+86 138-0013-8000', wecomUserId: 'LiSi' })
      .expect(201);
    expect(created.body).toMatchObject({ phone: '13800138000', wecomUserId: 'LiSi' });
    const shown = await t.http.get(`/api/users/${created.body.id}`).set(bearer()).expect(200);
    expect(shown.body).toMatchObject({ phone: '13800138000', wecomUserId: 'LiSi' });
    await t.http
      .post('/api/users')
      .set(bearer())
      .send({ ...newOfficer, username: 'landline-officer', phone: '020-12345678' })
      .expect(400);
  });

  it('changes and clears contacts with PATCH, and refuses a bad phone or WeCom UserID', async () => {
    const created = await t.http
      .post('/api/users')
      .set(bearer())
      .send({ ...newOfficer, username: 'patched-officer', phone: '13600136000', wecomUserId: 'sun.ba' })
      .expect(201);
    const id = created.body.id as string;
    await t.http.patch(`/api/users/${id}`).set(bearer()).send({ phone: '12345' }).expect(400);
    await t.http.patch(`/api/users/${id}`).set(bearer()).send({ wecomUserId: '孙八' }).expect(400);
    await t.http.patch(`/api/users/${id}`).set(bearer()).send({}).expect(400);
    const cleared = await t.http.patch(`/api/users/${id}`).set(bearer()).send({ phone: null }).expect(200);
    expect(cleared.body).not.toHaveProperty('phone');
    expect(cleared.body.wecomUserId).toBe('sun.ba');
    const both = await t.http
      .patch(`/api/users/${id}`)
      .set(bearer())
      .send({ disabled: true, phone: '13700137000' })
      .expect(200);
    expect(both.body).toMatchObject({ disabled: true, phone: '13700137000' });
  });
});
