import type Router from '@koa/router';
import type { AppState } from '../../http/appState';
import { callerOf } from '../../http/callerAccess';
import type { RouteRegistry } from '../../http/routeRegistry';
import type { NotificationOutbox } from './notificationOutbox';

/** The caller's own notifications, newest first: the in-app inbox behind every push. */
export function notificationRoutes(api: RouteRegistry, outbox: NotificationOutbox): Router<AppState> {
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
  return router;
}
