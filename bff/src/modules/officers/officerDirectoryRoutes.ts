import type Router from '@koa/router';
import { officerListQuerySchema } from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { callerOf } from '../../http/callerAccess';
import type { RouteRegistry } from '../../http/routeRegistry';
import type { OfficerDirectory } from './officerDirectory';

/** Officers with their duty state, position and workload, for dispatchers and squad leaders assigning by hand. */
export function officerDirectoryRoutes(api: RouteRegistry, directory: OfficerDirectory): Router<AppState> {
  const { router, route } = api.router();
  route({ method: 'GET', path: '/api/officers', query: officerListQuerySchema }, async (ctx, { query }) => {
    ctx.body = await directory.visibleTo(callerOf(ctx.state), query.squadId);
  });
  return router;
}
