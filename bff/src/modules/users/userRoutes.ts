import Router from '@koa/router';
import type { Middleware } from 'koa';
import {
  createStaffAccountRequestSchema,
  updateUserRequestSchema,
  userListQuerySchema,
} from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { forbidden } from '../../http/httpError';
import { parseBody, parseQuery } from '../../http/validate';
import {
  assertOwnerOr,
  callerOf,
  requireAuth,
  requireRole,
  type TokenAuthenticator,
} from '../../http/callerAccess';
import type { AccountStatus } from './accountStatus';
import type { StaffAccounts } from './staffAccounts';

/** Account changes need a real sign-in: a dev-login admin must not mint lasting staff access. */
const refuseDevLogin: Middleware<AppState> = async (ctx, next) => {
  if (callerOf(ctx.state).viaDevLogin) throw forbidden('开发登录不能管理工作人员账号，请使用账号密码登录');
  await next();
};

export function userRoutes(
  accounts: StaffAccounts,
  status: AccountStatus,
  tokens: TokenAuthenticator,
): Router<AppState> {
  const router = new Router<AppState>();
  const adminOnly = [requireAuth(tokens), requireRole('admin')];

  router.get('/api/users/:id', requireAuth(tokens), async (ctx) => {
    assertOwnerOr(callerOf(ctx.state), ctx.params.id ?? '', 'admin', 'dispatcher');
    ctx.body = await accounts.get(ctx.params.id ?? '');
  });

  router.get('/api/users', ...adminOnly, async (ctx) => {
    ctx.body = await accounts.list(parseQuery(ctx, userListQuerySchema));
  });

  router.post('/api/users', ...adminOnly, refuseDevLogin, async (ctx) => {
    ctx.status = 201;
    ctx.body = await accounts.create(parseBody(ctx, createStaffAccountRequestSchema));
  });

  router.patch('/api/users/:id', ...adminOnly, refuseDevLogin, async (ctx) => {
    const { disabled } = parseBody(ctx, updateUserRequestSchema);
    ctx.body = await status.setDisabled(callerOf(ctx.state).userId, ctx.params.id ?? '', disabled);
  });

  return router;
}
