import { startTestApp, type TestApp } from '../testing/testApp';
import { prototypeKeyPath } from './prototypeKeys';

describe('prototypeKeyPath', () => {
  it('finds __proto__, constructor and prototype keys at any depth, and nothing in plain data', () => {
    expect(prototypeKeyPath(JSON.parse('{"__proto__":{"isAdmin":true}}'))).toBe('__proto__');
    expect(prototypeKeyPath({ a: [{ b: { constructor: { prototype: 1 } } }] })).toBe('a.0.b.constructor');
    expect(prototypeKeyPath({ photos: [{ prototype: 'x' }] })).toBe('photos.0.prototype');
    expect(prototypeKeyPath({ description: '__proto__ constructor', tags: ['prototype'] })).toBeNull();
    expect(prototypeKeyPath(null)).toBeNull();
  });
});

describe('requests with prototype keys', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp('prototype_keys', { background: false });
    ({ token } = await t.loginAs('resident', '原型测试'));
  });
  afterAll(() => t.close());

  const postJson = (path: string, raw: string) =>
    t.http
      .post(path)
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', 'prototype-key-test-1')
      .set('Content-Type', 'application/json')
      .send(raw);

  it.each([
    ['/api/auth/login', '{"username":"a","password":"b","__proto__":{"roles":["admin"]}}', '(body)'],
    [
      '/api/auth/dev-login',
      '{"role":"resident","name":"x","constructor":{"prototype":{"a":1}}}',
      'constructor',
    ],
    ['/api/reports', '{"category":"other","lat":23.1,"lng":113.3,"x":[{"y":{"__proto__":null}}]}', '(body)'],
    ['/api/auth/wechat', '{"code":"c","extra":[{"prototype":{}}]}', 'extra.0.prototype'],
  ])('answers %s with 400 naming the key', async (path, raw, keyPath) => {
    const response = await postJson(path, raw).expect(400);
    expect(response.body.error).toMatchObject({
      code: 'validation_failed',
      details: { fields: [{ path: keyPath }] },
    });
  });

  it.each(['constructor', 'a[__proto__]', 'prototype[x]'])(
    'answers a multipart field named %s with 400',
    async (name) => {
      const response = await t.http
        .post('/api/photos')
        .set('Authorization', `Bearer ${token}`)
        .field(name, 'x')
        .attach('photos', Buffer.from('not an image'), 'a.jpg');
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    },
  );

  it('answers a prototype key in the query string with 400', async () => {
    const response = await t.http
      .get('/api/reports?__proto__=1')
      .set('Authorization', `Bearer ${token}`)
      .expect(400);
    expect(response.body.error.code).toBe('validation_failed');
  });
});
