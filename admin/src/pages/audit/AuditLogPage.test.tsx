// @vitest-environment jsdom
import { type AuditEntry } from '@jiefang/contracts';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { session } from '../../app/services';
import {
  byTestId,
  click,
  fakeBff,
  findByTestId,
  installDom,
  render,
  resetApp,
  signIn,
  waitUntil,
  type Rendered,
} from '../../test/dom';
import { AuditLogPage } from './AuditLogPage';

const entry = (overrides: Partial<AuditEntry>): AuditEntry => ({
  id: 'a-1',
  at: '2026-12-03T01:30:00.000Z',
  actor: { id: 'u-admin', name: '王管理', roles: ['admin'] },
  action: 'user.create',
  target: { kind: 'user', id: 'u-officer' },
  streetId: 'chigang',
  outcome: 'done',
  status: 201,
  change: { username: 'officer9', password: '[redacted]', roles: ['officer'] },
  method: 'POST',
  path: '/api/users',
  clientAddress: '203.0.113.7',
  userAgent: 'Mozilla/5.0',
  requestId: 'req-1',
  ...overrides,
});
const refused = entry({
  id: 'a-2',
  action: 'user.update',
  outcome: 'refused',
  status: 403,
  actor: { id: 'u-d', name: '李调度', roles: ['dispatcher'] },
  change: { disabled: true },
});
const streets = {
  items: [{ id: 'chigang', name: '赤岗街道', squadId: 'squad-chigang', squadName: '赤岗中队' }],
};

let page: Rendered | undefined;
beforeAll(installDom);
afterEach(() => {
  page?.unmount();
  page = undefined;
  resetApp();
});

describe('AuditLogPage', { timeout: 30_000 }, () => {
  it('lists entries in Beijing time with actor, action, target, street and address; opens the recorded change', async () => {
    signIn(['admin']);
    const bff = fakeBff({
      'GET /api/audit': { items: [entry({}), refused], total: 2 },
      'GET /api/streets': streets,
    });
    page = await render(<AuditLogPage />, '/audit?action=user.create');
    const row = await findByTestId('audit-row-a-1');
    expect(row.textContent).toContain('2026-12-03 09:30:00');
    expect(row.textContent).toContain('王管理');
    expect(row.textContent).toContain('创建账号');
    expect(row.textContent).toContain('账号 u-officer');
    expect(row.textContent).toContain('203.0.113.7');
    await waitUntil(() => Boolean(byTestId('audit-row-a-1')?.textContent?.includes('赤岗街道')));
    expect(byTestId('audit-row-a-2')?.textContent).toContain('被拒绝');
    expect(bff.requests.find((request) => request.path.startsWith('/api/audit'))?.path).toBe(
      '/api/audit?action=user.create&limit=50&offset=0',
    );

    await click(row);
    const detail = await findByTestId('audit-detail');
    expect(detail.textContent).toContain('POST /api/users');
    expect(detail.textContent).toContain('officer9');
    expect(detail.textContent).toContain('已隐去');
    expect(detail.textContent).not.toContain('[redacted]');
  });

  it("keeps a street's administrator to their own street", async () => {
    signIn(['admin']);
    const current = session.get();
    if (current) session.updateUser({ ...current.user, streetId: 'chigang' });
    const bff = fakeBff({ 'GET /api/audit': { items: [], total: 0 }, 'GET /api/streets': streets });
    page = await render(<AuditLogPage />, '/audit?street=huazhou');
    await waitUntil(() => byTestId('audit-own-street')?.textContent === '赤岗街道');
    expect(byTestId('audit-filter-street')).toBeNull();
    expect(bff.requests.find((request) => request.path.startsWith('/api/audit'))?.path).toBe(
      '/api/audit?limit=50&offset=0',
    );
    expect(page.container.textContent).toContain('暂无审计记录');
  });
});
