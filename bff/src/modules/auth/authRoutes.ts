import Router from '@koa/router';
import {
  devLoginRequestSchema,
  passwordLoginRequestSchema,
  wechatLoginRequestSchema,
} from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { parseBody } from '../../http/validate';
import type { AccessTokens } from './accessTokens';
import { callerOf, requireAuth } from '../../http/callerAccess';
import type { AuthService } from './authService';

export function authRoutes(service: AuthService, tokens: AccessTokens, devLogin: boolean): Router<AppState> {
  const router = new Router<AppState>();

  router.post('/api/auth/login', async (ctx) => {
    ctx.body = await service.passwordLogin(parseBody(ctx, passwordLoginRequestSchema), ctx.ip);
  });

  router.post('/api/auth/wechat', async (ctx) => {
    ctx.body = await service.wechatLogin(parseBody(ctx, wechatLoginRequestSchema).code);
  });

  // Only registered when DEV_LOGIN=1: in production the route does not exist at all (404).
  if (devLogin) {
    router.post('/api/auth/dev-login', async (ctx) => {
      ctx.body = await service.devLogin(parseBody(ctx, devLoginRequestSchema));
    });
  }

  router.get('/api/me', requireAuth(tokens), async (ctx) => {
    ctx.body = { user: await service.me(callerOf(ctx.state).userId) };
  });

  return router;
}
