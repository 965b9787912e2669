import Router from '@koa/router';
import { z } from 'zod';
import type { AppState } from '../../http/appState';
import { parseQuery } from '../../http/validate';
import type { AccessTokens } from '../auth/accessTokens';
import { callerOf, requireAuth, requireRole } from '../../http/callerAccess';
import type { OfficerDirectory } from './officerDirectory';

const querySchema = z.object({ squadId: z.string().max(60).optional() });

/** Officers with their duty state, position and workload, for dispatchers and squad leaders assigning by hand. */
export function officerDirectoryRoutes(deps: {
  directory: OfficerDirectory;
  tokens: AccessTokens;
}): Router<AppState> {
  const router = new Router<AppState>();
  router.get(
    '/api/officers',
    requireAuth(deps.tokens),
    requireRole('dispatcher', 'admin', 'squad_leader'),
    async (ctx) => {
      const query = parseQuery(ctx, querySchema);
      ctx.body = await deps.directory.visibleTo(callerOf(ctx.state), query.squadId);
    },
  );
  return router;
}
