import {
  markNotificationsReadResponseSchema,
  notificationListSchema,
  notificationSubscriptionsSchema,
  unreadCountSchema,
  type MarkNotificationsReadRequest,
  type MarkNotificationsReadResponse,
  type NotificationList,
  type NotificationSubscription,
  type RecordSubscriptionsRequest,
} from '@jiefang/contracts';
import type { ApiClient } from './client';
import { contractRoute, type RouteTarget } from './contractRoute';

const routes = {
  list: contractRoute('GET', '/api/notifications'),
  unreadCount: contractRoute('GET', '/api/notifications/unread-count'),
  read: contractRoute('POST', '/api/notifications/read'),
  subscriptions: contractRoute('GET', '/api/notifications/subscriptions'),
  record: contractRoute('POST', '/api/notifications/subscriptions'),
};

export interface NotificationsApi {
  /** GET /api/notifications: the caller's own, newest first; `before` is a previous page's `nextBefore`. */
  list(page?: { before?: string; limit?: number }): Promise<NotificationList>;
  /** GET /api/notifications/unread-count (capped: the badge shows 99+). */
  unreadCount(): Promise<number>;
  /** POST /api/notifications/read: these ids, or everything (全部已读). */
  markRead(request: MarkNotificationsReadRequest): Promise<MarkNotificationsReadResponse>;
  /** GET /api/notifications/subscriptions: what may be asked for, with WeChat's template ids. */
  subscriptions(): Promise<NotificationSubscription[]>;
  /** POST /api/notifications/subscriptions: one requestSubscribeMessage's answers (same batch: no change). */
  recordSubscriptions(request: RecordSubscriptionsRequest): Promise<NotificationSubscription[]>;
}

export function notificationListTarget(page: { before?: string; limit?: number } = {}): RouteTarget {
  return routes.list.to({}, { before: page.before, limit: page.limit });
}

export function createNotificationsApi(client: ApiClient): NotificationsApi {
  return {
    list: (page) => client.send(notificationListTarget(page), notificationListSchema),
    unreadCount: async () => (await client.send(routes.unreadCount.to(), unreadCountSchema)).unread,
    markRead: (request) => client.send(routes.read.to(), markNotificationsReadResponseSchema, request),
    subscriptions: async () =>
      (await client.send(routes.subscriptions.to(), notificationSubscriptionsSchema)).items,
    recordSubscriptions: async (request) =>
      (await client.send(routes.record.to(), notificationSubscriptionsSchema, request)).items,
  };
}
