import type { NotificationSubscription, RecordSubscriptionsRequest } from '@jiefang/contracts';
import { createSubscriptionAsker, type SubscriptionAskerDeps } from './subscriptionAsker';

const offered: NotificationSubscription[] = [
  {
    template: 'officer_on_site',
    title: '',
    wechatTemplateId: 'wx-on-site',
    answer: null,
    credits: 0,
    answeredAt: null,
  },
  {
    template: 'ticket_resolved',
    title: '',
    wechatTemplateId: 'wx-resolved',
    answer: null,
    credits: 0,
    answeredAt: null,
  },
];

function setup(overrides: Partial<SubscriptionAskerDeps> & { recordFailures?: number } = {}) {
  const recorded: RecordSubscriptionsRequest[] = [];
  const asked: string[][] = [];
  let failures = overrides.recordFailures ?? 0;
  const asker = createSubscriptionAsker({
    supported: true,
    api: {
      subscriptions: async () => offered,
      recordSubscriptions: async (request) => {
        recorded.push(request);
        if (failures-- > 0) throw new Error('network');
        return offered;
      },
    },
    requestSubscribeMessage: async (ids) => {
      asked.push(ids);
      return { errMsg: 'requestSubscribeMessage:ok', 'wx-on-site': 'accept', 'wx-resolved': 'reject' };
    },
    newBatchId: () => 'sub_test_batch',
    describe: () => '加载失败',
    ...overrides,
  });
  return { asker, recorded, asked };
}

describe('askForSubscriptions', () => {
  it('asks WeChat for the templates’ ids and records the answers under our names in one batch', async () => {
    const { asker, recorded, asked } = setup();
    const outcome = await asker.askForSubscriptions(['officer_on_site', 'ticket_resolved']);
    expect(asked).toEqual([['wx-on-site', 'wx-resolved']]);
    expect(recorded).toEqual([
      {
        batchId: 'sub_test_batch',
        answers: [
          { template: 'officer_on_site', answer: 'accept' },
          { template: 'ticket_resolved', answer: 'reject' },
        ],
      },
    ]);
    expect(outcome).toEqual({
      kind: 'answered',
      accepted: ['officer_on_site'],
      refused: ['ticket_resolved'],
      recorded: true,
    });
  });

  it('sends the same batch again when recording fails, and says so when it never gets through', async () => {
    const retried = setup({ recordFailures: 1 });
    expect(await retried.asker.askForSubscriptions(['officer_on_site'])).toMatchObject({ recorded: true });
    expect(retried.recorded.map((request) => request.batchId)).toEqual(['sub_test_batch', 'sub_test_batch']);

    const lost = setup({ recordFailures: 5 });
    expect(await lost.asker.askForSubscriptions(['officer_on_site'])).toMatchObject({ recorded: false });
    expect(lost.recorded).toHaveLength(3);
  });

  it('asks nothing outside WeChat (H5) or when no template has a WeChat id', async () => {
    const h5 = setup({ supported: false });
    expect(await h5.asker.askForSubscriptions(['officer_on_site'])).toEqual({ kind: 'unsupported' });
    expect(h5.asked).toEqual([]);
    const none = setup();
    expect(await none.asker.askForSubscriptions(['escort_accepted'])).toEqual({ kind: 'unavailable' });
    expect(none.asked).toEqual([]);
  });

  it('reports WeChat’s refusals: subscriptions switched off, or any other failure; nothing is recorded', async () => {
    const off = setup({ requestSubscribeMessage: () => Promise.reject({ errCode: 20004, errMsg: 'fail' }) });
    expect(await off.asker.askForSubscriptions(['officer_on_site'])).toEqual({
      kind: 'failed',
      reason: 'switched_off',
    });
    const other = setup({ requestSubscribeMessage: () => Promise.reject(new Error('no tap')) });
    expect(await other.asker.askForSubscriptions(['officer_on_site'])).toEqual({
      kind: 'failed',
      reason: 'error',
    });
    expect([...off.recorded, ...other.recorded]).toEqual([]);
  });

  it('says why the ids could not be read', async () => {
    const { asker } = setup({
      api: { subscriptions: () => Promise.reject(new Error('down')), recordSubscriptions: async () => [] },
    });
    expect(await asker.plan(['officer_on_site'])).toEqual({ kind: 'failed', message: '加载失败' });
  });
});
