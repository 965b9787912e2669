import type Router from '@koa/router';
import {
  notificationTemplates,
  recordSubscriptionsRequestSchema,
  subscribableTemplates,
  type NotificationSubscriptions,
  type Role,
} from '@jiefang/contracts';
import type { WechatTemplateMap } from '../../../config';
import type { AppState } from '../../../http/appState';
import { callerOf } from '../../../http/callerAccess';
import { forbidden } from '../../../http/httpError';
import type { RouteRegistry } from '../../../http/routeRegistry';
import type { SubscriptionStore } from './subscriptionStore';

/**
 * WeChat subscriptions: which templates the caller may be asked for (with this deployment's WeChat
 * template ids) and what they answered; the mini-program records each requestSubscribeMessage here.
 */
export function subscriptionRoutes(
  api: RouteRegistry,
  deps: { store: SubscriptionStore; wechatTemplates: WechatTemplateMap },
): Router<AppState> {
  const { router, route } = api.router();

  const subscriptionsOf = async (
    userId: string,
    roles: readonly Role[],
  ): Promise<NotificationSubscriptions> => {
    const templates = subscribableTemplates(roles);
    const known = await deps.store.of(userId, templates);
    return {
      items: templates.map((template) => {
        const subscription = known.get(template);
        return {
          template,
          title: notificationTemplates[template].title,
          wechatTemplateId: deps.wechatTemplates[template]?.id ?? null,
          answer: subscription?.answer ?? null,
          credits: subscription?.credits ?? 0,
          answeredAt: subscription?.answeredAt.toISOString() ?? null,
        };
      }),
    };
  };

  route({ method: 'GET', path: '/api/notifications/subscriptions' }, async (ctx) => {
    const caller = callerOf(ctx.state);
    ctx.body = await subscriptionsOf(caller.userId, caller.roles);
  });

  route(
    { method: 'POST', path: '/api/notifications/subscriptions', body: recordSubscriptionsRequestSchema },
    async (ctx, { body }) => {
      const caller = callerOf(ctx.state);
      const allowed = new Set<string>(subscribableTemplates(caller.roles));
      const refused = body.answers.filter(({ template }) => !allowed.has(template));
      if (refused.length) {
        throw forbidden('不能订阅这些通知', { templates: refused.map(({ template }) => template) });
      }
      await deps.store.record(caller.userId, body.batchId, body.answers);
      ctx.body = await subscriptionsOf(caller.userId, caller.roles);
    },
  );
  return router;
}
