import type Router from '@koa/router';
import {
  markNotificationsReadRequestSchema,
  notificationListQuerySchema,
  notificationRecordQuerySchema,
} from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { callerOf } from '../../http/callerAccess';
import { forbidden } from '../../http/httpError';
import { reachesDistrict } from '../../domain/staffScope';
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
      // Records name every street's residents and tickets and carry no street: district staff only.
      if (!reachesDistrict(callerOf(ctx.state)))
        throw forbidden('通知发送记录涉及全区，只有区级管理员和调度员可以查看');
      ctx.body = await records.list(query);
    },
  );
  return router;
}
