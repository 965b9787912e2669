import type Router from '@koa/router';
import { z } from 'zod';
import type { AppState } from '../../http/appState';
import { callerOf } from '../../http/callerAccess';
import type { RouteRegistry } from '../../http/routeRegistry';
import { parseQuery } from '../../http/validate';
import type { OfficerDirectory } from './officerDirectory';

// Not in apiRoutes' descriptor of GET /api/officers (it describes no query), so read here.
const querySchema = z.object({ squadId: z.string().max(60).optional() });

/** Officers with their duty state, position and workload, for dispatchers and squad leaders assigning by hand. */
export function officerDirectoryRoutes(api: RouteRegistry, directory: OfficerDirectory): Router<AppState> {
  const { router, route } = api.router();
  route({ method: 'GET', path: '/api/officers' }, async (ctx) => {
    const query = parseQuery(ctx, querySchema);
    ctx.body = await directory.visibleTo(callerOf(ctx.state), query.squadId);
  });
  return router;
}
