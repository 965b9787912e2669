import type Router from '@koa/router';
import { meChangesQuerySchema } from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { callerOf, stillSignedIn, type TokenAuthenticator } from '../../http/callerAccess';
import type { RouteRegistry } from '../../http/routeRegistry';
import type { UserChanges } from './userChanges';

/** The caller's own live changes: a stream for browsers, a cursor poll for the mini-program. */
export function liveRoutes(
  api: RouteRegistry,
  deps: { changes: UserChanges; tokens: TokenAuthenticator },
): Router<AppState> {
  const { router, route } = api.router();

  route({ method: 'GET', path: '/api/me/events' }, (ctx) => {
    deps.changes.stream(ctx, callerOf(ctx.state), stillSignedIn(deps.tokens, ctx));
  });

  route({ method: 'GET', path: '/api/me/changes', query: meChangesQuerySchema }, async (ctx, { query }) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await deps.changes.changesSince(callerOf(ctx.state).userId, query.since);
  });

  return router;
}
