import type { Context, Middleware } from 'koa';
import type { Role } from '@jiefang/contracts';
import type { AppState, Caller } from './appState';
import { HttpError, forbidden, unauthenticated } from './httpError';

/** Whoever checks Bearer tokens (modules/auth's access tokens): the caller a valid token stands for. */
export interface TokenAuthenticator {
  authenticate(token: string): Promise<Caller>;
}

const bearerTokenOf = (ctx: Context) => /^Bearer\s+(\S+)$/i.exec(ctx.get('Authorization'))?.[1];

/** Requires a valid, unrevoked Bearer token and puts the caller on ctx.state. */
export function requireAuth(tokens: TokenAuthenticator): Middleware<AppState> {
  return async (ctx, next) => {
    const token = bearerTokenOf(ctx);
    if (!token) throw unauthenticated();
    ctx.state.caller = await tokens.authenticate(token);
    await next();
  };
}

/** For a long-lived response (an event stream): is the request's token still valid, unexpired and unrevoked? */
export function stillSignedIn(tokens: TokenAuthenticator, ctx: Context): () => Promise<boolean> {
  const token = bearerTokenOf(ctx) ?? '';
  return () =>
    tokens.authenticate(token).then(
      () => true,
      () => false,
    );
}

/** Refuses a token that may only change its password (after a one-time password) on every other route. */
export const refuseUntilPasswordChanged: Middleware<AppState> = async (ctx, next) => {
  if (callerOf(ctx.state).passwordChangeOnly) {
    throw new HttpError(403, 'password_change_required', '请先修改初始密码或重置后的临时密码', {
      changePassword: 'POST /api/auth/password',
    });
  }
  await next();
};

/** Allows the request when the caller holds at least one of the roles. */
export function requireRole(...allowed: Role[]): Middleware<AppState> {
  return async (ctx, next) => {
    const caller = callerOf(ctx.state);
    if (!caller.roles.some((role) => allowed.includes(role))) {
      throw forbidden('没有权限执行此操作', { requiredRoles: allowed });
    }
    await next();
  };
}

export function callerOf(state: AppState): Caller {
  if (!state.caller) throw unauthenticated();
  return state.caller;
}

/** Ownership check: the caller is the owner, or holds one of the roles that may act on anyone's behalf. */
export function assertOwnerOr(caller: Caller, ownerId: string, ...overridingRoles: Role[]): void {
  if (caller.userId === ownerId) return;
  if (caller.roles.some((role) => overridingRoles.includes(role))) return;
  throw forbidden('只能查看或操作自己的数据');
}
