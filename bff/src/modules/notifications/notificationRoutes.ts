import Router from '@koa/router';
import type { AppState } from '../../http/appState';
import type { AccessTokens } from '../auth/accessTokens';
import { callerOf, requireAuth } from '../auth/authMiddleware';
import type { NotificationOutbox } from './notificationOutbox';

/** The caller's own notifications, newest first: the in-app inbox behind every push. */
export function notificationRoutes(outbox: NotificationOutbox, tokens: AccessTokens): Router<AppState> {
  const router = new Router<AppState>();
  router.get('/api/notifications', requireAuth(tokens), async (ctx) => {
    const items = await outbox.forRecipient(callerOf(ctx.state).userId);
    ctx.body = {
      items: items.map((item) => ({
        id: item._id,
        template: item.template,
        data: item.data,
        status: item.status,
        createdAt: item.createdAt.toISOString(),
      })),
    };
  });
  return router;
}
