import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import request from 'supertest';
import { z } from 'zod';
import { apiRoutes, type ApiRoute } from '@jiefang/contracts';
import { createLogger } from '../infra/logger';
import { mountedRoutes } from '../testing/mountedRoutes';
import { startTestApp, type TestApp } from '../testing/testApp';
import type { AppState, Caller } from './appState';
import { unauthenticated } from './httpError';
import { errorMiddleware } from './errorMiddleware';
import { routeRegistry } from './routeRegistry';

const key = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

describe('the app', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('route-registry', { background: false });
  });
  afterAll(() => app.close());

  test('mounts exactly one handler for every route apiRoutes describes, and nothing undescribed', () => {
    const mounted = mountedRoutes(app.app.koa).map(key);
    const counts = new Map<string, number>();
    for (const route of mounted) counts.set(route, (counts.get(route) ?? 0) + 1);
    const wrong = apiRoutes
      .map(key)
      .filter((route) => counts.get(route) !== 1)
      .map((route) => `${route}: ${counts.get(route) ?? 0} handlers`);
    const undescribed = mounted.filter((route) => !apiRoutes.some((described) => key(described) === route));
    expect(wrong).toEqual([]);
    expect(undescribed).toEqual([]);
  });

  test('mounts every route through the registry, which applies the access and validation of its descriptor', () => {
    const around = mountedRoutes(app.app.koa)
      .filter((route) => !route.throughRegistry)
      .map(key);
    expect(around).toEqual([]);
  });
});

describe('routeRegistry', () => {
  const bodySchema = z.object({ name: z.string().min(1) });
  const querySchema = z.object({ limit: z.coerce.number().int().max(10) });
  const routes: ApiRoute[] = [
    { method: 'GET', path: '/open', access: 'public', query: querySchema },
    { method: 'POST', path: '/mine', access: 'signed-in', body: bodySchema },
    { method: 'POST', path: '/admin', access: ['admin'], body: bodySchema },
  ];
  const callers: Record<string, Caller> = {
    resident: { userId: 'u-resident', roles: ['resident'] },
    admin: { userId: 'u-admin', roles: ['admin'] },
  };
  const tokens = {
    authenticate: async (token: string) => {
      const caller = callers[token];
      if (!caller) throw unauthenticated();
      return caller;
    },
  };

  const koa = new Koa<AppState>();
  const logger = createLogger('silent');
  koa.use(async (ctx, next) => {
    ctx.state.logger = logger;
    await next();
  });
  koa.use(errorMiddleware);
  koa.use(bodyParser({ enableTypes: ['json'] }));
  const { router, route } = routeRegistry({ tokens, routes }).router();
  route({ method: 'GET', path: '/open', query: querySchema }, (ctx, { query }) => {
    ctx.body = { limit: query.limit };
  });
  route({ method: 'POST', path: '/mine', body: bodySchema }, (ctx, { body }) => {
    ctx.body = { hello: body.name };
  });
  route({ method: 'POST', path: '/admin', body: bodySchema }, (ctx, { body }) => {
    ctx.body = { admin: body.name };
  });
  koa.use(router.routes());
  const server = koa.callback();

  test('checks the access the descriptor gives before reading the body', async () => {
    await request(server).post('/mine').send({}).expect(401);
    await request(server).post('/admin').set('Authorization', 'Bearer resident').send({}).expect(403);
    await request(server)
      .post('/admin')
      .set('Authorization', 'Bearer admin')
      .send({ name: 'x' })
      .expect(200, { admin: 'x' });
  });

  test('hands the handler the parsed body and query, and answers invalid ones in the error shape', async () => {
    await request(server).get('/open?limit=3').expect(200, { limit: 3 });
    const badQuery = await request(server).get('/open?limit=99').expect(400);
    expect(badQuery.body.error).toMatchObject({
      code: 'validation_failed',
      details: { fields: [{ path: 'limit' }] },
    });
    const badBody = await request(server)
      .post('/mine')
      .set('Authorization', 'Bearer resident')
      .send({ name: '' });
    expect(badBody.status).toBe(400);
    expect(badBody.body.error).toMatchObject({
      code: 'validation_failed',
      details: { fields: [{ path: 'name' }] },
    });
    await request(server)
      .post('/mine')
      .set('Authorization', 'Bearer resident')
      .send({ name: 'a' })
      .expect(200);
  });

  test('refuses a route apiRoutes does not describe, a second handler, and a schema other than the described one', () => {
    const registry = routeRegistry({ tokens, routes });
    const { route } = registry.router();
    expect(() => route({ method: 'GET', path: '/nowhere' }, () => undefined)).toThrow(/not described/);
    route({ method: 'GET', path: '/open', query: querySchema }, () => undefined);
    expect(() =>
      registry.router().route({ method: 'GET', path: '/open', query: querySchema }, () => undefined),
    ).toThrow(/handler already/);
    expect(() => route({ method: 'POST', path: '/mine' }, () => undefined)).toThrow(/body schema/);
    expect(() => route({ method: 'POST', path: '/mine', body: z.object({}) }, () => undefined)).toThrow(
      /body schema/,
    );
    expect(registry.registered().map(key)).toEqual(['GET /open']);
  });

  test('tells its own routes from those mounted around it', () => {
    const { router: registryRouter, route } = routeRegistry({ tokens, routes }).router();
    route({ method: 'GET', path: '/open', query: querySchema }, () => undefined);
    registryRouter.get('/around', () => undefined);
    const around = new Koa<AppState>();
    around.use(registryRouter.routes());
    expect(mountedRoutes(around)).toEqual([
      { method: 'GET', path: '/open', throughRegistry: true },
      { method: 'GET', path: '/around', throughRegistry: false },
    ]);
  });
});
