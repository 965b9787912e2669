import type Router from '@koa/router';
import { notificationRecordQuerySchema } from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { callerOf } from '../../http/callerAccess';
import type { RouteRegistry } from '../../http/routeRegistry';
import type { NotificationOutbox } from './notificationOutbox';
import type { NotificationRecords } from './notificationRecords';

/**
 * The caller's own notifications, newest first (the in-app inbox behind every push); and for admins
 * and dispatchers every notification's record with its channels and errors.
 */
export function notificationRoutes(
  api: RouteRegistry,
  outbox: NotificationOutbox,
  records: NotificationRecords,
): Router<AppState> {
  const { router, route } = api.router();
  route({ method: 'GET', path: '/api/notifications' }, async (ctx) => {
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
  route(
    { method: 'GET', path: '/api/notification-records', query: notificationRecordQuerySchema },
    async (ctx, { query }) => {
      ctx.body = await records.list(query);
    },
  );
  return router;
}
