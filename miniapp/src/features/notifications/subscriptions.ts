import {
  subscriptionAnswerSchema,
  type NotificationSubscription,
  type NotificationTemplate,
  type SubscriptionAnswer,
} from '@jiefang/contracts';

/** WeChat shows at most three templates in one requestSubscribeMessage. */
export const wechatTemplatesPerRequest = 3;

/** What users expect to hear about after each action, in the order to ask. */
export const subscriptionAsks = {
  /** After 随手拍: 到场、办结通知. */
  report: ['officer_on_site', 'ticket_resolved'],
  /** After booking an escort: 接单、出发提醒. */
  escort: ['escort_accepted', 'escort_reminder'],
  /** On 屋主告警: 充电、烟感告警. */
  alarms: ['charging_alarm', 'smoke_alarm'],
} as const satisfies Record<string, readonly NotificationTemplate[]>;

/** The templates of one request and their WeChat ids. */
export interface SubscriptionPlan {
  templates: Array<{ template: NotificationTemplate; wechatTemplateId: string }>;
}

/**
 * Which of the wanted templates to ask for: those the BFF offers this user with a WeChat id (in the
 * order wanted, once each), not banned in the user's WeChat settings, at most three.
 */
export function planSubscriptions(
  wanted: readonly NotificationTemplate[],
  offered: readonly NotificationSubscription[],
): SubscriptionPlan {
  const byName = new Map(offered.map((item) => [item.template, item]));
  const templates: SubscriptionPlan['templates'] = [];
  for (const template of new Set(wanted)) {
    const item = byName.get(template);
    if (!item?.wechatTemplateId || item.answer === 'ban') continue;
    templates.push({ template, wechatTemplateId: item.wechatTemplateId });
  }
  return { templates: templates.slice(0, wechatTemplatesPerRequest) };
}

/**
 * requestSubscribeMessage's answer (keyed by WeChat template id, beside `errMsg`) back in our
 * template names; ids it did not answer, and values WeChat may add later, are left out.
 */
export function answersFromWechat(
  plan: SubscriptionPlan,
  result: Record<string, unknown>,
): Array<{ template: NotificationTemplate; answer: SubscriptionAnswer }> {
  return plan.templates.flatMap(({ template, wechatTemplateId }) => {
    const parsed = subscriptionAnswerSchema.safeParse(result[wechatTemplateId]);
    return parsed.success ? [{ template, answer: parsed.data }] : [];
  });
}

const batchAlphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `sub_<time36>_<12 random>`: one per request, so that sending its answers again adds nothing. */
export function newSubscriptionBatchId(now: number = Date.now(), random: () => number = Math.random): string {
  let suffix = '';
  for (let i = 0; i < 12; i += 1) suffix += batchAlphabet[Math.floor(random() * batchAlphabet.length)];
  return `sub_${now.toString(36)}_${suffix}`;
}
