import { accountSlowdown } from './loginThrottle';
import { hashPassword } from '../users/passwords';
import { identityKey, userModels } from '../users/userModel';
import { startTestApp, type TestApp } from '../../testing/testApp';

/** A password account straight in the database, so the tests control every sign-in attempt. */
async function createStaff(t: TestApp, username: string, password: string) {
  const { User, Identity } = userModels(t.mongo);
  const now = t.clock.now();
  await User.create({
    _id: `user-${username}`,
    name: username,
    roles: ['dispatcher'],
    username,
    passwordHash: await hashPassword(password),
    disabled: false,
    createdAt: now,
    updatedAt: now,
  });
  await Identity.create({ _id: identityKey.username(username), userId: `user-${username}`, createdAt: now });
}

const login = (t: TestApp, username: string, password: string, forwardedFor?: string) => {
  const request = t.http.post('/api/auth/login');
  if (forwardedFor) void request.set('X-Forwarded-For', forwardedFor);
  return request.send({ username, password });
};

describe('behind a trusted proxy (TRUSTED_PROXIES holds the test client)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('login_proxy', { env: { TRUSTED_PROXIES: '127.0.0.1,::1' } });
    await createStaff(t, 'victim', 'the-right-password');
  });
  afterAll(() => t.close());

  it('lets the real user in from another address after 10 wrong passwords from one, and stops the attacker', async () => {
    for (let i = 0; i < 10; i += 1) {
      expect((await login(t, 'victim', `guess-${i}`, '203.0.113.7')).status).toBe(401);
    }
    const blocked = await login(t, 'victim', 'the-right-password', '203.0.113.7');
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('rate_limited');

    const real = await login(t, 'victim', 'the-right-password', '198.51.100.20').expect(200);
    expect(real.body.user.id).toBe('user-victim');
    // The address the proxy appended is the one believed, not what the client wrote before it.
    expect((await login(t, 'victim', 'guess', '198.51.100.20, 203.0.113.7')).status).toBe(429);
  });

  it('only slows, never refuses, attempts on one account spread over many addresses', async () => {
    await createStaff(t, 'popular', 'the-right-password');
    for (let i = 0; i < accountSlowdown.freeAttempts + 3; i += 1) {
      expect((await login(t, 'popular', 'guess', `203.0.113.${100 + i}`)).status).toBe(401);
    }
    await login(t, 'popular', 'the-right-password', '198.51.100.40').expect(200);
  });

  it('refuses an address spraying many accounts, while others still sign in', async () => {
    const limited = await startTestApp('login_spray', {
      env: { TRUSTED_PROXIES: '127.0.0.0/8', LOGIN_ADDRESS_RATE_LIMIT: '5' },
    });
    try {
      await createStaff(limited, 'sprayed', 'the-right-password');
      for (let i = 0; i < 5; i += 1) {
        expect((await login(limited, `someone${i}`, 'guess', '203.0.113.9')).status).toBe(401);
      }
      expect((await login(limited, 'sprayed', 'the-right-password', '203.0.113.9')).status).toBe(429);
      await login(limited, 'sprayed', 'the-right-password', '198.51.100.30').expect(200);
    } finally {
      await limited.close();
    }
  });
});

describe('from an untrusted peer (no TRUSTED_PROXIES)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('login_direct');
    await createStaff(t, 'direct', 'the-right-password');
  });
  afterAll(() => t.close());

  it('ignores X-Forwarded-For, so rotating it does not escape the limit', async () => {
    for (let i = 0; i < 10; i += 1) {
      expect((await login(t, 'direct', `guess-${i}`, `203.0.113.${i + 1}`)).status).toBe(401);
    }
    const rotated = await login(t, 'direct', 'guess-again', '192.0.2.200');
    expect(rotated.status).toBe(429);
    expect(Number(rotated.headers['retry-after'])).toBeGreaterThan(0);
  });
});
