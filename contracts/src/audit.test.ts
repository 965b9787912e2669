import { apiRoutes, type ApiRoute } from './apiRoutes';
import { auditExemptRoutes, auditedRoutes, auditRouteKey, auditSearchQuerySchema } from './audit';
import { staffRoles } from './roles';

/** Open to staff: anyone signed in (staff among them), or a list naming a staff role. */
const openToStaff = (route: ApiRoute) =>
  route.access === 'signed-in' ||
  (Array.isArray(route.access) && route.access.some((role) => staffRoles.includes(role)));

describe('which routes the audit log records', () => {
  it('audits or explicitly exempts every route that changes data and is open to staff', () => {
    const forgotten = apiRoutes
      .filter((route) => route.method !== 'GET' && openToStaff(route))
      .map(auditRouteKey)
      .filter((key) => !(key in auditedRoutes) && !(key in auditExemptRoutes));
    // A new route: add it to `auditedRoutes` (with its action name) or to `auditExemptRoutes` with why.
    expect(forgotten).toEqual([]);
  });

  it('audits every export', () => {
    const exports = apiRoutes.filter((route) => route.path.startsWith('/api/exports/'));
    expect(exports.length).toBeGreaterThan(0);
    for (const route of exports)
      expect(auditedRoutes[auditRouteKey(route)]).toMatchObject({ action: 'export.download' });
  });

  it('names only routes that exist, none both audited and exempt, each exemption with a reason', () => {
    const described = new Set(apiRoutes.map(auditRouteKey));
    for (const key of [...Object.keys(auditedRoutes), ...Object.keys(auditExemptRoutes)])
      expect(described.has(key) ? key : `${key} (not in apiRoutes)`).toBe(key);
    for (const key of Object.keys(auditExemptRoutes)) expect(key in auditedRoutes).toBe(false);
    for (const reason of Object.values(auditExemptRoutes)) expect(reason.length).toBeGreaterThan(10);
  });

  it('takes a target id from a parameter the route has', () => {
    for (const [key, audited] of Object.entries(auditedRoutes)) {
      const { targetId } = audited;
      if (typeof targetId === 'object' && 'param' in targetId)
        expect(key).toMatch(new RegExp(`/:${targetId.param}(/|$)`));
      expect(audited.action).toMatch(/^[a-z]+\.[a-z-]+$/);
    }
  });
});

describe('the audit search query', () => {
  it('pages newest first by default and refuses a range that ends before it starts', () => {
    expect(auditSearchQuerySchema.parse({})).toEqual({ limit: 50, offset: 0 });
    expect(auditSearchQuerySchema.safeParse({ from: '2026-12-02', to: '2026-12-01' }).success).toBe(false);
    expect(auditSearchQuerySchema.safeParse({ from: '2026-12-1' }).success).toBe(false);
    expect(auditSearchQuerySchema.parse({ limit: '20', offset: '40' })).toMatchObject({
      limit: 20,
      offset: 40,
    });
  });
});
