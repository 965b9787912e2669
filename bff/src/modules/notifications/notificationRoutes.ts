import type Router from '@koa/router';
import { markNotificationsReadRequestSchema, notificationListQuerySchema } from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { callerOf } from '../../http/callerAccess';
import type { RouteRegistry } from '../../http/routeRegistry';
import type { NotificationInbox } from './inbox/notificationInbox';

/** The caller's own notifications, newest first: the in-app inbox (消息) behind every push. */
export function notificationRoutes(api: RouteRegistry, inbox: NotificationInbox): Router<AppState> {
  const { router, route } = api.router();
  route(
    { method: 'GET', path: '/api/notifications', query: notificationListQuerySchema },
    async (ctx, { query }) => {
      ctx.body = await inbox.list(callerOf(ctx.state).userId, query);
    },
  );
  route({ method: 'GET', path: '/api/notifications/unread-count' }, async (ctx) => {
    ctx.body = { unread: await inbox.unreadCount(callerOf(ctx.state).userId) };
  });
  route(
    { method: 'POST', path: '/api/notifications/read', body: markNotificationsReadRequestSchema },
    async (ctx, { body }) => {
      ctx.body = await inbox.markRead(callerOf(ctx.state).userId, body);
    },
  );
  return router;
}
