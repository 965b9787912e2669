import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiRoutes, errorBodySchema, type ApiRoute } from '@jiefang/contracts';
import { startTestApp, type TestApp } from '../testing/testApp';
import {
  callerOfEveryRole,
  registerVerifiedVolunteer,
  streetAdminCaller,
  type ApiCaller,
} from '../testing/apiCallers';
import {
  hostileBodies,
  hostileFieldBodies,
  hostileParams,
  hostileQueries,
  hostileTokens,
} from './hostileInputs';
import { describeRoute, pathOf, send, type RouteRequest } from './routeRequests';

interface Probe {
  route: ApiRoute;
  what: string;
  request: RouteRequest;
  /** The one status the probe must get; otherwise any status below 500 with a well-formed error. */
  expectStatus?: number;
}

const concurrency = 8;

describe('hostile input against every route', () => {
  let app: TestApp;
  let callers: ApiCaller[];
  let streetAdmin: ApiCaller;
  let wechat: Server;

  beforeAll(async () => {
    // WeChat's code2Session as it answers a code it never issued, so the login route is configured.
    wechat = http.createServer((_, response) => {
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify({ errcode: 40029, errmsg: 'invalid code' }));
    });
    await new Promise<void>((resolve) => wechat.listen(0, '127.0.0.1', resolve));
    app = await startTestApp('abuse', {
      background: false,
      env: {
        WECHAT_APPID: 'wx-abuse-suite',
        WECHAT_SECRET: 'abuse-suite-secret',
        WECHAT_API_BASE: `http://127.0.0.1:${(wechat.address() as AddressInfo).port}`,
      },
    });
    callers = await callerOfEveryRole(app);
    streetAdmin = await streetAdminCaller(app);
    await registerVerifiedVolunteer(app, callers);
  });
  afterAll(async () => {
    await app.close();
    await new Promise((resolve) => wechat.close(resolve));
  });

  /** A caller the route lets in, so the hostile part reaches the validation and the handler. */
  const tokenFor = (route: ApiRoute): string | undefined => {
    if (route.access === 'public' || route.access === 'signed-link') return undefined;
    const role = route.access === 'signed-in' ? 'resident' : route.access[0];
    return callers.find((caller) => caller.role === role)?.token;
  };

  function probesFor(route: ApiRoute): Probe[] {
    const token = tokenFor(route);
    const hasBody = route.method !== 'GET';
    const path = pathOf(route, (param) => `missing-${param}`);
    const probes: Probe[] = [];
    const probe = (what: string, request: Omit<RouteRequest, 'method'>, expectStatus?: number) =>
      probes.push({ route, what, request: { method: route.method, ...request }, expectStatus });

    if (hasBody) {
      for (const { name, body, contentType } of hostileBodies)
        probe(`body ${name}`, { url: path, token, body, contentType });
      for (const { name, body } of hostileFieldBodies(route))
        probe(`field ${name}`, { url: path, token, body });
      const oversize = JSON.stringify({ text: 'x'.repeat(app.config.BODY_LIMIT_KB * 1024) });
      probe('oversized body', { url: path, token, body: oversize });
    }
    // A street's administrator takes other paths through the handlers (their street limits what they
    // reach), so administrators' routes get the hostile queries and parameters from them too.
    const askers: Array<{ who: string; token: string | undefined }> = [{ who: '', token }];
    if (Array.isArray(route.access) && route.access.includes('admin'))
      askers.push({ who: ' as street admin', token: streetAdmin.token });
    for (const asker of askers) {
      for (const query of hostileQueries(route, app.config.BODY_LIMIT_KB * 1024))
        probe(`query ${query.slice(0, 40)}${asker.who}`, { url: `${path}?${query}`, token: asker.token });
      for (const param of route.path.match(/:[A-Za-z]+/g) ?? []) {
        for (const value of hostileParams) {
          const url = pathOf(route, (name) => (`:${name}` === param ? value : `missing-${name}`));
          probe(`param ${param}=${JSON.stringify(value.slice(0, 20))}${asker.who}`, {
            url,
            token: asker.token,
            body: hasBody ? '{}' : undefined,
          });
        }
      }
    }
    if (token) {
      const now = Math.floor(app.clock.now().getTime() / 1000);
      for (const { name, token: hostile } of hostileTokens(app.config.JWT_SECRET, now))
        probe(`token ${name}`, { url: path, token: hostile, body: hasBody ? '{}' : undefined }, 401);
    }
    if (route.method === 'POST' && route.path === '/api/reports') {
      for (const key of ['{"$gt":""}', 'x'.repeat(2_000), '\u202e'.repeat(3)])
        probe('Idempotency-Key', {
          url: path,
          token,
          body: '{}',
          headers: { 'Idempotency-Key': encodeURI(key) },
        });
    }
    return probes;
  }

  test('no request gets a server error, every refusal is a well-formed error, nothing is polluted', async () => {
    const probes = apiRoutes.flatMap(probesFor);
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < probes.length) {
        const probe = probes[next++]!;
        const response = await send(app.server, probe.request).catch((error: unknown) => ({
          status: 599,
          body: String(error),
        }));
        const label = `${describeRoute(probe.route)} ${probe.what}`;
        if (probe.expectStatus !== undefined && response.status !== probe.expectStatus) {
          failures.push(`${label}: expected ${probe.expectStatus}, got ${response.status}`);
        } else if (response.status >= 500) {
          failures.push(`${label}: ${response.status} ${response.body.slice(0, 160)}`);
        } else if (response.status >= 400 && !isErrorBody(response.body)) {
          failures.push(
            `${label}: ${response.status} with a body that is not an error: ${response.body.slice(0, 80)}`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    expect({}).not.toHaveProperty('polluted');
    expect(failures).toEqual([]);
    expect(probes.length).toBeGreaterThan(3_000);
    // Thousands of probes, more with each route (and a street admin's on the admin routes): on a busy
    // machine they take longer than jest's default.
  }, 180_000);
});

function isErrorBody(text: string): boolean {
  try {
    return errorBodySchema.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}
