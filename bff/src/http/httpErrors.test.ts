import { errorBodySchema } from '@jiefang/contracts';
import { startTestApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('http_errors', { env: { BODY_LIMIT_KB: '2', CORS_ORIGINS: 'http://allowed.test' } });
});
afterAll(() => t.close());

describe('error responses', () => {
  it('answers an unknown route with 404 in the error format', async () => {
    const response = await t.http.get('/api/no-such-thing').expect(404);
    expect(errorBodySchema.parse(response.body).error.code).toBe('not_found');
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const response = await t.http
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username": "admin", "password": ')
      .expect(400);
    expect(response.body.error.code).toBe('malformed_json');
  });

  it('answers an oversized body with 413', async () => {
    const response = await t.http
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ username: 'a', password: 'x'.repeat(4000) }))
      .expect(413);
    expect(response.body.error.code).toBe('payload_too_large');
  });

  it('answers a non-JSON body with 415', async () => {
    const response = await t.http
      .post('/api/auth/login')
      .set('Content-Type', 'text/plain')
      .send('username=admin')
      .expect(415);
    expect(response.body.error.code).toBe('unsupported_media_type');
  });

  it('answers invalid fields with 400 and the path of each field', async () => {
    const response = await t.http.post('/api/auth/dev-login').send({ role: 'mayor', name: '' }).expect(400);
    expect(response.body.error.code).toBe('validation_failed');
    const paths = (response.body.error.details.fields as Array<{ path: string }>).map((field) => field.path);
    expect(paths.sort()).toEqual(['name', 'role']);
  });

  it('answers a wrong method on a known route with 405', async () => {
    await t.http.delete('/api/auth/login').expect(405);
  });
});

describe('request context and headers', () => {
  it('echoes a sane X-Request-Id and makes one up otherwise', async () => {
    const kept = await t.http.get('/healthz').set('X-Request-Id', 'req-12345678').expect(200);
    expect(kept.headers['x-request-id']).toBe('req-12345678');
    const made = await t.http.get('/healthz').set('X-Request-Id', 'bad id!').expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers', async () => {
    const response = await t.http.get('/healthz').expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('allows CORS only for listed origins', async () => {
    const allowed = await t.http.get('/healthz').set('Origin', 'http://allowed.test');
    expect(allowed.headers['access-control-allow-origin']).toBe('http://allowed.test');
    const other = await t.http.get('/healthz').set('Origin', 'http://evil.test');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
