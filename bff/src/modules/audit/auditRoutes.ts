import type Router from '@koa/router';
import { auditSearchQuerySchema, beijingInstant, type AuditEntryList } from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { callerOf } from '../../http/callerAccess';
import { forbidden } from '../../http/httpError';
import type { RouteRegistry } from '../../http/routeRegistry';
import type { AuditStore } from './auditStore';
import { auditEntryView } from './auditView';

const dayMinutes = 24 * 60;

/**
 * GET /api/audit: administrators search the log. A street's administrator (an admin whose account
 * has a street) sees only entries of their street; asking for another street is refused.
 */
export function auditRoutes(
  api: RouteRegistry,
  deps: {
    store: AuditStore;
    /** A street id for a street id or name, or null when there is no such street. */
    streetNamed: (idOrName: string) => string | null;
    /** The street of the caller's account: set for a street's administrator. */
    streetOf: (userId: string) => Promise<string | null>;
  },
): Router<AppState> {
  const { router, route } = api.router();

  route({ method: 'GET', path: '/api/audit', query: auditSearchQuerySchema }, async (ctx, { query }) => {
    const caller = callerOf(ctx.state);
    const ownStreet = await deps.streetOf(caller.userId);
    const asked = query.street ? (deps.streetNamed(query.street) ?? query.street) : undefined;
    if (ownStreet && asked && asked !== ownStreet) throw forbidden('只能查看本街道的审计日志');
    const streetId = ownStreet ?? asked;
    const found = await deps.store.search(
      {
        ...(query.actor ? { actor: query.actor } : {}),
        ...(query.action ? { action: query.action } : {}),
        ...(query.target ? { targetId: query.target } : {}),
        ...(streetId ? { streetId } : {}),
        ...(query.from ? { from: new Date(beijingInstant(query.from, 0)) } : {}),
        ...(query.to ? { to: new Date(beijingInstant(query.to, dayMinutes)) } : {}),
      },
      { limit: query.limit, offset: query.offset },
    );
    const body: AuditEntryList = { items: found.items.map(auditEntryView), total: found.total };
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  });

  return router;
}
