import http from 'node:http';
import { authResponseSchema } from '@jiefang/contracts';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { hashPassword } from '../users/passwords';
import { identityKey, userModels } from '../users/userModel';
import { wechatSessions } from './wechatSessions';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('auth', { env: { LOGIN_RATE_LIMIT: '3', JWT_TTL_SECONDS: '3600' } });
  const { User, Identity } = userModels(t.mongo);
  const now = t.clock.now();
  await User.create({
    _id: 'staff-dispatcher',
    name: '调度员小李',
    roles: ['dispatcher'],
    username: 'dispatcher1',
    passwordHash: await hashPassword('correct horse battery'),
    disabled: false,
    createdAt: now,
    updatedAt: now,
  });
  await Identity.create({
    _id: identityKey.username('dispatcher1'),
    userId: 'staff-dispatcher',
    createdAt: now,
  });
});
afterAll(() => t.close());

describe('dev login', () => {
  it('creates a user on first login and reuses it after', async () => {
    const first = await t.http
      .post('/api/auth/dev-login')
      .send({ role: 'resident', name: '王阿姨' })
      .expect(200);
    const body = authResponseSchema.parse(first.body);
    expect(body.user.roles).toEqual(['resident']);
    const second = await t.http
      .post('/api/auth/dev-login')
      .send({ role: 'resident', name: '王阿姨' })
      .expect(200);
    expect(second.body.user.id).toBe(body.user.id);
  });

  it('puts an officer in the squad of the named street', async () => {
    const response = await t.http
      .post('/api/auth/dev-login')
      .send({ role: 'officer', name: '张队员', street: '赤岗街道' })
      .expect(200);
    expect(response.body.user).toMatchObject({
      streetId: 'chigang',
      streetName: '赤岗街道',
      squadId: 'squad-chigang',
    });
  });

  it('needs a known street for officers', async () => {
    const missing = await t.http
      .post('/api/auth/dev-login')
      .send({ role: 'officer', name: '李' })
      .expect(400);
    expect(missing.body.error.details.fields[0].path).toBe('street');
    const unknown = await t.http
      .post('/api/auth/dev-login')
      .send({ role: 'squad_leader', name: '李', street: '不存在街道' })
      .expect(400);
    expect(unknown.body.error.details.fields[0].path).toBe('street');
  });

  it('gives concurrent first logins of one identity the same user', async () => {
    const responses = await Promise.all(
      Array.from({ length: 4 }, () =>
        t.http.post('/api/auth/dev-login').send({ role: 'volunteer', name: '并发志愿者' }),
      ),
    );
    expect(new Set(responses.map((response) => response.body.user.id)).size).toBe(1);
  });

  it('does not exist when DEV_LOGIN is off', async () => {
    const production = await startTestApp('auth_nodev', { env: { DEV_LOGIN: '0' } });
    try {
      const response = await production.http
        .post('/api/auth/dev-login')
        .send({ role: 'admin', name: 'x' })
        .expect(404);
      expect(response.body.error.code).toBe('not_found');
    } finally {
      await production.close();
    }
  });
});

describe('password login', () => {
  it('signs in with the right password', async () => {
    const response = await t.http
      .post('/api/auth/login')
      .send({ username: 'dispatcher1', password: 'correct horse battery' })
      .expect(200);
    expect(response.body.user).toMatchObject({ id: 'staff-dispatcher', roles: ['dispatcher'] });
    expect(response.body.user.passwordHash).toBeUndefined();
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    const wrong = await t.http.post('/api/auth/login').send({ username: 'dispatcher1', password: 'nope' });
    const unknown = await t.http.post('/api/auth/login').send({ username: 'ghost', password: 'nope' });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  it('limits attempts per user and address with 429 and Retry-After', async () => {
    const attempt = () => t.http.post('/api/auth/login').send({ username: 'target', password: 'guess' });
    for (let i = 0; i < 3; i += 1) expect((await attempt()).status).toBe(401);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('access tokens', () => {
  it('lets a token read /api/me and refuses a missing or forged one', async () => {
    const { token, userId } = await t.loginAs('property_owner', '陈先生');
    const me = await t.http.get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body.user.id).toBe(userId);
    expect((await t.http.get('/api/me').expect(401)).body.error.code).toBe('unauthenticated');
    const forged = `${token.slice(0, -4)}AAAA`;
    await t.http.get('/api/me').set('Authorization', `Bearer ${forged}`).expect(401);
  });

  it('answers an expired token with 401 token_expired', async () => {
    const { token } = await t.loginAs('resident', '过期测试');
    t.clock.advance(3601 * 1000);
    try {
      const response = await t.http.get('/api/me').set('Authorization', `Bearer ${token}`).expect(401);
      expect(response.body.error.code).toBe('token_expired');
    } finally {
      t.clock.advance(-3601 * 1000);
    }
  });
});

describe('WeChat login', () => {
  let wechatServer: http.Server;
  let base: string;
  const seen: URLSearchParams[] = [];

  beforeAll(async () => {
    // A stand-in for WeChat's code2Session endpoint, reached over real HTTP.
    wechatServer = http.createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      seen.push(url.searchParams);
      const code = url.searchParams.get('js_code');
      const body =
        url.pathname !== '/sns/jscode2session'
          ? { errcode: -1, errmsg: 'wrong path' }
          : code === 'good-code'
            ? { openid: 'openid-abc', session_key: 'secret-session-key' }
            : code === 'busy'
              ? { errcode: 45011, errmsg: 'api minute-quota reach limit' }
              : { errcode: 40029, errmsg: 'invalid code' };
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => wechatServer.listen(0, '127.0.0.1', () => resolve()));
    const address = wechatServer.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => wechatServer.close(() => resolve())));

  it('exchanges a code for a resident account and never returns the session key', async () => {
    const app = await startTestApp('auth_wechat', {
      env: { WECHAT_APPID: 'wx-test-app', WECHAT_SECRET: 'wx-test-secret', WECHAT_API_BASE: base },
    });
    try {
      const response = await app.http.post('/api/auth/wechat').send({ code: 'good-code' }).expect(200);
      expect(response.body.user.roles).toEqual(['resident']);
      expect(JSON.stringify(response.body)).not.toContain('secret-session-key');
      const again = await app.http.post('/api/auth/wechat').send({ code: 'good-code' }).expect(200);
      expect(again.body.user.id).toBe(response.body.user.id);
      const last = seen.at(-1);
      expect(last?.get('appid')).toBe('wx-test-app');
      expect(last?.get('grant_type')).toBe('authorization_code');

      expect((await app.http.post('/api/auth/wechat').send({ code: 'used' })).status).toBe(401);
      const busy = await app.http.post('/api/auth/wechat').send({ code: 'busy' });
      expect(busy.status).toBe(429);
    } finally {
      await app.close();
    }
  });

  it('answers 503 when WeChat is not configured or unreachable', async () => {
    const response = await t.http.post('/api/auth/wechat').send({ code: 'x' }).expect(503);
    expect(response.body.error.details.dependency).toBe('wechat');
    const unreachable = wechatSessions('wx', 'secret', 'http://127.0.0.1:1', 500);
    await expect(unreachable.exchange('x')).rejects.toMatchObject({ status: 503 });
  });
});
