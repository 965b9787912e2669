import { apiRoutes, type ApiRoute, type Role } from '@jiefang/contracts';
import { startTestApp, type TestApp } from '../testing/testApp';
import { mountedRoutes } from '../testing/mountedRoutes';
import {
  callerOfEveryRole,
  registerVerifiedVolunteer,
  streetAdminCaller,
  type ApiCaller,
} from '../testing/apiCallers';
import { describeRoute, pathOf, send } from './routeRequests';

type Expected = 'allowed' | 401 | 403;

/**
 * Admin routes a street's administrator is refused whatever the record: what they govern is the same in
 * every street, or it carries no street to limit it by.
 */
const refusedToStreetAdmins: Record<string, string> = {
  'PATCH /api/categories/:code': 'a category is the same in every street',
  'GET /api/notification-records': 'delivery records name residents of every street and carry no street',
};

function expectedFor(route: ApiRoute, caller: ApiCaller | null): Expected {
  const role: Role | null = caller?.role ?? null;
  if (caller?.street !== undefined && describeRoute(route) in refusedToStreetAdmins) return 403;
  // The matrix names a street that is not theirs (`missing-streetId`): another street's, to them. (Its empty
  // bodies are refused as invalid before that, as for every caller.)
  const namesStreet = route.path.includes(':streetId') && route.method === 'GET' && route.access !== 'public';
  if (caller?.street !== undefined && namesStreet) return 403;
  if (route.access === 'public') return 'allowed';
  // The matrix forges the link, so everyone is refused.
  if (route.access === 'signed-link') return 403;
  if (role === null) return 401;
  if (route.access === 'signed-in') return 'allowed';
  return route.access.includes(role) ? 'allowed' : 403;
}

/** Allowed means the request got past the access checks: anything but 401, 403 or a server error. */
function outcomeOf(status: number): Expected | 'server error' | number {
  if (status >= 500) return 'server error';
  if (status === 401 || status === 403) return status;
  return 'allowed';
}

describe('every role against every route', () => {
  let app: TestApp;
  let callers: ApiCaller[];

  beforeAll(async () => {
    app = await startTestApp('role-matrix', { background: false });
    callers = [...(await callerOfEveryRole(app)), await streetAdminCaller(app)];
    await registerVerifiedVolunteer(app, callers);
  });
  afterAll(() => app.close());

  test('the contracts describe exactly the routes the BFF serves', () => {
    const mounted = mountedRoutes(app.app.koa).map(describeRoute).sort();
    const described = apiRoutes.map(describeRoute).sort();
    expect(mounted).toEqual(described);
  });

  test('each caller gets the outcome the route access says, and never a server error', async () => {
    const violations: string[] = [];
    for (const route of apiRoutes) {
      for (const caller of [null, ...callers]) {
        const url = pathOf(route, (param) =>
          caller && route.selfParams?.includes(param) ? caller.userId : `missing-${param}`,
        );
        const response = await send(app.server, {
          method: route.method,
          url,
          token: caller?.token,
          body: route.method === 'GET' ? undefined : '{}',
        });
        const expected = expectedFor(route, caller);
        const actual = outcomeOf(response.status);
        if (actual !== expected) {
          violations.push(
            `${describeRoute(route)} as ${caller ? `${caller.role}${caller.street ? ` of ${caller.street}` : ''}` : 'anonymous'}: expected ${expected}, got ${response.status} ${response.body.slice(0, 120)}`,
          );
        }
      }
    }
    expect(violations).toEqual([]);
  });
});
