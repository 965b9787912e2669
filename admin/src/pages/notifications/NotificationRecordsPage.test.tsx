// @vitest-environment jsdom
import { type NotificationRecord } from '@jiefang/contracts';
import { beforeEach, describe, expect, it } from 'vitest';
import { byTestId, fakeBff, findByTestId, render, setUpPageTests, signIn, waitUntil } from '../../test/dom';
import { NotificationRecordsPage } from './NotificationRecordsPage';

const record = (overrides: Partial<NotificationRecord>): NotificationRecord => ({
  id: 'n-1',
  template: 'sla_breached',
  title: '工单已超时',
  recipientId: 'u-1',
  recipientName: '李队长',
  status: 'sent',
  channels: ['wecom', 'sms'],
  attempts: 1,
  lastError: null,
  createdAt: '2030-11-24T10:00:00+08:00',
  sentAt: '2030-11-24T10:00:01+08:00',
  nextAttemptAt: null,
  ...overrides,
});
const failed = record({
  id: 'n-2',
  status: 'failed',
  channels: [],
  lastError: 'sms: FailedOperation.TemplateIncorrectOrUnapproved',
  sentAt: null,
});

setUpPageTests();
beforeEach(() => signIn(['dispatcher']));

describe('NotificationRecordsPage', { timeout: 30_000 }, () => {
  it('lists records with their channels and shows the error of a failed one; filters by status', async () => {
    const bff = fakeBff({
      'GET /api/notification-records': (request: { path: string }) => {
        const items = request.path.includes('status=failed') ? [failed] : [record({}), failed];
        return { items, total: items.length };
      },
    });
    let page = await render(<NotificationRecordsPage />, '/notifications');
    const sent = await findByTestId('notification-row-n-1');
    expect(sent.textContent).toContain('工单已超时');
    expect(sent.textContent).toContain('李队长');
    expect(sent.textContent).toContain('企业微信');
    expect(sent.textContent).toContain('短信');
    expect((await findByTestId('notification-error-n-2')).textContent).toBe(
      'sms: FailedOperation.TemplateIncorrectOrUnapproved',
    );
    expect(byTestId('notification-row-n-2')?.textContent).toContain('发送失败');

    page.unmount();
    page = await render(<NotificationRecordsPage />, '/notifications?status=failed');
    await findByTestId('notification-row-n-2');
    await waitUntil(() => byTestId('notification-row-n-1') === null);
    expect(bff.requests.at(-1)?.path).toBe('/api/notification-records?limit=200&status=failed');
  });

  it('says when there is nothing to show', async () => {
    fakeBff({ 'GET /api/notification-records': { items: [], total: 0 } });
    await render(<NotificationRecordsPage />, '/notifications');
    expect((await findByTestId('notification-empty')).textContent).toContain('暂无通知记录');
  });
});
