import Router from '@koa/router';
import { createStaffAccountRequestSchema, userListQuerySchema } from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { parseBody, parseQuery } from '../../http/validate';
import type { AccessTokens } from '../auth/accessTokens';
import { assertOwnerOr, callerOf, requireAuth, requireRole } from '../auth/authMiddleware';
import type { StaffAccounts } from './staffAccounts';

export function userRoutes(accounts: StaffAccounts, tokens: AccessTokens): Router<AppState> {
  const router = new Router<AppState>();
  const adminOnly = [requireAuth(tokens), requireRole('admin')];

  router.get('/api/users/:id', requireAuth(tokens), async (ctx) => {
    assertOwnerOr(callerOf(ctx.state), ctx.params.id ?? '', 'admin', 'dispatcher');
    ctx.body = await accounts.get(ctx.params.id ?? '');
  });

  router.get('/api/users', ...adminOnly, async (ctx) => {
    ctx.body = await accounts.list(parseQuery(ctx, userListQuerySchema));
  });

  router.post('/api/users', ...adminOnly, async (ctx) => {
    ctx.status = 201;
    ctx.body = await accounts.create(parseBody(ctx, createStaffAccountRequestSchema));
  });

  return router;
}
