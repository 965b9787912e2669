import type Router from '@koa/router';
import { beijingDate, deleteAccountRequestSchema, personalDataLimits } from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { callerOf } from '../../http/callerAccess';
import type { RouteRegistry } from '../../http/routeRegistry';
import type { Clock } from '../../infra/clock';
import type { AccountDeletionService } from './accountDeletion';
import type { PersonalDataReader } from './personalDataReader';

/** 我的数据 (PIPL): a person's own data as a page and as a file, and deleting their account. */
export function privacyRoutes(
  api: RouteRegistry,
  deps: { reader: PersonalDataReader; deletion: AccountDeletionService; clock: Clock },
): Router<AppState> {
  const { router, route } = api.router();

  route({ method: 'GET', path: '/api/me/data' }, async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await deps.reader.read(callerOf(ctx.state).userId, personalDataLimits.page);
  });

  route({ method: 'GET', path: '/api/me/data/export' }, async (ctx) => {
    const data = await deps.reader.read(callerOf(ctx.state).userId, personalDataLimits.export);
    const day = beijingDate(deps.clock.now().getTime()).replace(/-/g, '');
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Content-Disposition', `attachment; filename="jiefang-my-data-${day}.json"`);
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = JSON.stringify(data, null, 2);
  });

  route({ method: 'DELETE', path: '/api/me', body: deleteAccountRequestSchema }, async (ctx) => {
    const outcome = await deps.deletion.deleteAccount(callerOf(ctx.state).userId);
    ctx.status = outcome.status === 'deleted' ? 200 : 202;
    ctx.body = outcome;
  });

  return router;
}
