import type Router from '@koa/router';
import type { Middleware } from 'koa';
import {
  createStaffAccountRequestSchema,
  updateUserRequestSchema,
  userListQuerySchema,
} from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { assertOwnerOr, callerOf } from '../../http/callerAccess';
import { forbidden } from '../../http/httpError';
import type { RouteRegistry } from '../../http/routeRegistry';
import type { AccountStatus } from './accountStatus';
import type { StaffAccounts } from './staffAccounts';

/** Account changes need a real sign-in: a dev-login admin must not mint lasting staff access. */
const refuseDevLogin: Middleware<AppState> = async (ctx, next) => {
  if (callerOf(ctx.state).viaDevLogin) throw forbidden('开发登录不能管理工作人员账号，请使用账号密码登录');
  await next();
};

export function userRoutes(
  api: RouteRegistry,
  accounts: StaffAccounts,
  status: AccountStatus,
): Router<AppState> {
  const { router, route } = api.router();

  route({ method: 'GET', path: '/api/users/:id' }, async (ctx) => {
    assertOwnerOr(callerOf(ctx.state), ctx.params.id ?? '', 'admin', 'dispatcher');
    ctx.body = await accounts.get(ctx.params.id ?? '');
  });

  route({ method: 'GET', path: '/api/users', query: userListQuerySchema }, async (ctx, { query }) => {
    ctx.body = await accounts.list(query);
  });

  route(
    { method: 'POST', path: '/api/users', body: createStaffAccountRequestSchema, guards: [refuseDevLogin] },
    async (ctx, { body }) => {
      ctx.status = 201;
      ctx.body = await accounts.create(body);
    },
  );

  route(
    { method: 'PATCH', path: '/api/users/:id', body: updateUserRequestSchema, guards: [refuseDevLogin] },
    async (ctx, { body }) => {
      const id = ctx.params.id ?? '';
      const { disabled, ...contacts } = body;
      let user =
        disabled === undefined ? null : await status.setDisabled(callerOf(ctx.state).userId, id, disabled);
      if (contacts.phone !== undefined || contacts.wecomUserId !== undefined)
        user = await accounts.setContacts(id, contacts);
      ctx.body = user ?? (await accounts.get(id));
    },
  );

  return router;
}
