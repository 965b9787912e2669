import type Router from '@koa/router';
import type { Middleware } from 'koa';
import {
  createStaffAccountRequestSchema,
  updateUserRequestSchema,
  userListQuerySchema,
} from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { callerOf } from '../../http/callerAccess';
import { forbidden, unprocessable } from '../../http/httpError';
import type { RouteRegistry } from '../../http/routeRegistry';
import type { AccountStatus } from './accountStatus';
import type { AdminReaches } from './adminReach';
import type { PasswordResets } from './passwordResets';
import type { StaffAccounts } from './staffAccounts';
import type { StaffEdits } from './staffEdits';

/** Account changes need a real sign-in: a dev-login admin must not mint lasting staff access. */
const refuseDevLogin: Middleware<AppState> = async (ctx, next) => {
  if (callerOf(ctx.state).viaDevLogin) throw forbidden('开发登录不能管理工作人员账号，请使用账号密码登录');
  await next();
};

export interface UserRoutesDeps {
  accounts: StaffAccounts;
  status: AccountStatus;
  edits: StaffEdits;
  resets: PasswordResets;
  /** Whom the calling administrator manages: a street administrator only their street's staff. */
  reaches: AdminReaches;
}

export function userRoutes(api: RouteRegistry, deps: UserRoutesDeps): Router<AppState> {
  const { accounts, status, edits, resets, reaches } = deps;
  const { router, route } = api.router();

  route({ method: 'GET', path: '/api/users/:id' }, async (ctx) => {
    const caller = callerOf(ctx.state);
    const id = ctx.params.id ?? '';
    // Anyone sees their own account, and dispatchers anyone's (to dispatch); admins those they manage.
    if (caller.userId !== id && !caller.roles.includes('dispatcher')) {
      if (!caller.roles.includes('admin')) throw forbidden('只能查看或操作自己的数据');
      await reaches.managed(await reaches.of(caller), id);
    }
    ctx.body = await accounts.get(id);
  });

  route({ method: 'GET', path: '/api/users', query: userListQuerySchema }, async (ctx, { query }) => {
    ctx.body = await accounts.list(query, await reaches.of(callerOf(ctx.state)));
  });

  route(
    { method: 'POST', path: '/api/users', body: createStaffAccountRequestSchema, guards: [refuseDevLogin] },
    async (ctx, { body }) => {
      const reach = await reaches.of(callerOf(ctx.state));
      ctx.status = 201;
      ctx.body = await accounts.create(body, { reach, mustChangePassword: true });
    },
  );

  route(
    { method: 'PATCH', path: '/api/users/:id', body: updateUserRequestSchema, guards: [refuseDevLogin] },
    async (ctx, { body }) => {
      const caller = callerOf(ctx.state);
      const reach = await reaches.of(caller);
      const target = await reaches.managed(reach, ctx.params.id ?? '');
      const { disabled, phone, wecomUserId, ...edit } = body;
      let user = null;
      if (Object.values(edit).some((value) => value !== undefined))
        user = await edits.edit(reach, target, edit);
      if (disabled !== undefined) user = await status.setDisabled(caller.userId, target._id, disabled);
      if (phone !== undefined || wecomUserId !== undefined)
        user = await accounts.setContacts(target._id, { phone, wecomUserId });
      ctx.body = user ?? (await accounts.get(target._id));
    },
  );

  route({ method: 'POST', path: '/api/users/:id/password-reset', guards: [refuseDevLogin] }, async (ctx) => {
    const caller = callerOf(ctx.state);
    const target = await reaches.managed(await reaches.of(caller), ctx.params.id ?? '');
    if (target._id === caller.userId) throw unprocessable('不能重置自己的密码，请使用“修改密码”');
    ctx.body = await resets.reset(target);
  });

  return router;
}
