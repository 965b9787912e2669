import type { NotificationSubscription } from '@jiefang/contracts';
import {
  answersFromWechat,
  newSubscriptionBatchId,
  planSubscriptions,
  subscriptionAsks,
} from './subscriptions';
import { recordSubscriptionsRequestSchema } from '@jiefang/contracts';

const offered = (
  template: NotificationSubscription['template'],
  wechatTemplateId: string | null,
  answer: NotificationSubscription['answer'] = null,
): NotificationSubscription => ({
  template,
  title: template,
  wechatTemplateId,
  answer,
  credits: 0,
  answeredAt: null,
});

describe('planSubscriptions', () => {
  it('asks for the wanted templates this deployment has WeChat ids for, in the order wanted', () => {
    const plan = planSubscriptions(subscriptionAsks.report, [
      offered('ticket_resolved', 'wx-resolved'),
      offered('officer_on_site', 'wx-on-site'),
      offered('escort_accepted', 'wx-escort'),
    ]);
    expect(plan.templates).toEqual([
      { template: 'officer_on_site', wechatTemplateId: 'wx-on-site' },
      { template: 'ticket_resolved', wechatTemplateId: 'wx-resolved' },
    ]);
  });

  it('leaves out templates without an id, not offered to this user, or banned in WeChat', () => {
    const plan = planSubscriptions(
      ['officer_on_site', 'ticket_resolved', 'new_assignment', 'smoke_alarm'],
      [
        offered('officer_on_site', null),
        offered('ticket_resolved', 'wx-r', 'ban'),
        offered('smoke_alarm', 'wx-s', 'reject'),
      ],
    );
    expect(plan.templates).toEqual([{ template: 'smoke_alarm', wechatTemplateId: 'wx-s' }]);
    expect(planSubscriptions(subscriptionAsks.alarms, []).templates).toEqual([]);
  });

  it('asks for at most three templates at once (WeChat’s limit), each once', () => {
    const all = ['officer_on_site', 'ticket_resolved', 'ticket_assigned', 'escort_accepted'] as const;
    const plan = planSubscriptions(
      [...all, 'officer_on_site'],
      all.map((name) => offered(name, `wx-${name}`)),
    );
    expect(plan.templates.map((item) => item.template)).toEqual([
      'officer_on_site',
      'ticket_resolved',
      'ticket_assigned',
    ]);
  });
});

describe('answersFromWechat', () => {
  const plan = {
    templates: [
      { template: 'escort_accepted' as const, wechatTemplateId: 'wx-a' },
      { template: 'escort_reminder' as const, wechatTemplateId: 'wx-b' },
      { template: 'smoke_alarm' as const, wechatTemplateId: 'wx-c' },
    ],
  };

  it('maps WeChat’s answers by template id back to our template names', () => {
    expect(
      answersFromWechat(plan, {
        errMsg: 'requestSubscribeMessage:ok',
        'wx-a': 'accept',
        'wx-b': 'reject',
        'wx-c': 'ban',
      }),
    ).toEqual([
      { template: 'escort_accepted', answer: 'accept' },
      { template: 'escort_reminder', answer: 'reject' },
      { template: 'smoke_alarm', answer: 'ban' },
    ]);
  });

  it('drops ids WeChat did not answer and answers it may add later', () => {
    expect(answersFromWechat(plan, { 'wx-a': 'filter', 'wx-b': 'maybe', 'wx-other': 'accept' })).toEqual([
      { template: 'escort_accepted', answer: 'filter' },
    ]);
  });
});

describe('newSubscriptionBatchId', () => {
  it('is a batch id the BFF accepts, different each time', () => {
    const first = newSubscriptionBatchId();
    expect(first).not.toBe(newSubscriptionBatchId());
    expect(
      recordSubscriptionsRequestSchema.safeParse({
        batchId: first,
        answers: [{ template: 'officer_on_site', answer: 'accept' }],
      }).success,
    ).toBe(true);
    expect(newSubscriptionBatchId(0, () => 0)).toBe('sub_0_aaaaaaaaaaaa');
  });
});
