import type Router from '@koa/router';
import {
  markNotificationsReadRequestSchema,
  notificationListQuerySchema,
  notificationRecordQuerySchema,
} from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { callerOf } from '../../http/callerAccess';
import type { RouteRegistry } from '../../http/routeRegistry';
import type { NotificationInbox } from './inbox/notificationInbox';
import type { NotificationRecords } from './notificationRecords';

/**
 * The caller's own notifications, newest first: the in-app inbox (消息) behind every push; and for
 * admins and dispatchers every notification's record with its channels and errors.
 */
export function notificationRoutes(
  api: RouteRegistry,
  inbox: NotificationInbox,
  records: NotificationRecords,
): Router<AppState> {
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
  route(
    { method: 'GET', path: '/api/notification-records', query: notificationRecordQuerySchema },
    async (ctx, { query }) => {
      ctx.body = await records.list(query);
    },
  );
  return router;
}
