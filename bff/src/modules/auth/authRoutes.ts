import type Router from '@koa/router';
import {
  changePasswordRequestSchema,
  devLoginRequestSchema,
  passwordLoginRequestSchema,
  wechatLoginRequestSchema,
} from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { callerOf } from '../../http/callerAccess';
import type { RouteRegistry } from '../../http/routeRegistry';
import type { AuthService } from './authService';

export function authRoutes(api: RouteRegistry, service: AuthService, devLogin: boolean): Router<AppState> {
  const { router, route } = api.router();

  route(
    { method: 'POST', path: '/api/auth/login', body: passwordLoginRequestSchema },
    async (ctx, { body }) => {
      ctx.body = await service.passwordLogin(body, ctx.ip);
    },
  );

  route(
    { method: 'POST', path: '/api/auth/wechat', body: wechatLoginRequestSchema },
    async (ctx, { body }) => {
      ctx.body = await service.wechatLogin(body.code);
    },
  );

  // Only registered when DEV_LOGIN=1: in production the route does not exist at all (404).
  if (devLogin) {
    route(
      { method: 'POST', path: '/api/auth/dev-login', body: devLoginRequestSchema },
      async (ctx, { body }) => {
        ctx.body = await service.devLogin(body);
      },
    );
  }

  route(
    { method: 'POST', path: '/api/auth/password', body: changePasswordRequestSchema },
    async (ctx, { body }) => {
      ctx.body = await service.changePassword(callerOf(ctx.state).userId, body, ctx.ip);
    },
  );

  route({ method: 'GET', path: '/api/me' }, async (ctx) => {
    ctx.body = { user: await service.me(callerOf(ctx.state).userId) };
  });

  return router;
}
