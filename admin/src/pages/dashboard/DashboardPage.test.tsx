// @vitest-environment jsdom
import { type Role, type User } from '@jiefang/contracts';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  alarmStatistics,
  emptyTicketStatistics,
  escortStatistics,
  liveCounters,
  monthlyRanking,
  ticketStatistics,
} from '../../test/statistics';
import {
  allByTestId,
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
import { DashboardPage } from './DashboardPage';

const streets = {
  items: [
    { id: 'jiangnanzhong', name: '江南中街道', squadId: 'sq-j', squadName: '江南中中队' },
    { id: 'huazhou', name: '华洲街道', squadId: 'sq-h', squadName: '华洲中队' },
  ],
};
const readiness = {
  status: 'ready',
  checks: { mongodb: { ok: true, latencyMs: 2 }, redis: { ok: true, latencyMs: 0.4 }, mqtt: { ok: true } },
};

function user(roles: Role[], extra: Partial<User> = {}): User {
  return { id: 'u-test', name: '测试用户', roles, ...extra };
}

const serverError = () =>
  new Response(JSON.stringify({ error: { code: 'internal', message: '统计服务异常' } }), {
    status: 500,
    headers: { 'Content-Type': 'application/json' },
  });

/** A BFF answering every dashboard call with schema-valid figures; `overrides` replace single routes. */
function dashboardBff(me: User, overrides: Record<string, unknown> = {}) {
  return fakeBff({
    'GET /api/me': { user: me },
    'GET /api/streets': streets,
    'GET /api/categories': { items: [] },
    'GET /api/statistics/live': liveCounters(),
    'GET /api/statistics/tickets': ticketStatistics(),
    'GET /api/statistics/alarms': alarmStatistics(),
    'GET /api/statistics/ranking': monthlyRanking(),
    'GET /api/escorts/statistics': escortStatistics(),
    'GET /readyz': readiness,
    ...(overrides as Record<string, object>),
  });
}

const text = (id: string) => byTestId(id)?.textContent ?? '';

let page: Rendered | undefined;
beforeAll(() => {
  installDom();
  // jsdom has no canvas: without a context ECharts measures text from the font size, instead of
  // asking jsdom (which logs a "not implemented" error with a stack for every label).
  HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;
});
afterEach(() => {
  page?.unmount();
  page = undefined;
  resetApp();
});

// antd under jsdom is slow on a busy two-core machine.
describe('DashboardPage', { timeout: 120_000 }, () => {
  it('shows a dispatcher the district: counters, totals, breakdowns, ranking, alarms, escorts and health', async () => {
    signIn(['dispatcher'], '调度员小王');
    const bff = dashboardBff(user(['dispatcher'], { name: '调度员小王' }));
    page = await render(<DashboardPage />, '/');

    await findByTestId('live-counter-openTickets');
    expect(text('live-counter-openTickets')).toContain('17');
    expect(text('live-counter-overdueTickets')).toContain('2');
    expect(text('live-counter-openEscorts')).toContain('3');
    expect(text('dashboard-scope')).toBe('范围：全区');
    expect(text('current-user-name')).toBe('调度员小王');

    await findByTestId('total-attainment');
    expect(text('total-attainment')).toContain('91.7%');
    expect(text('total-attainment')).toContain('33/36 单按时到场');
    expect(text('total-onSite')).toContain('9.5 分钟');
    expect(text('total-onSite')).toContain('P90 14 分钟');
    expect(text('total-breaches')).toContain('3');

    await findByTestId('breakdown-row-jiangnanzhong');
    expect(text('breakdown-row-huazhou')).toContain('华洲街道');
    expect(text('breakdown-row-huazhou')).toContain('4.2');
    expect(byTestId('breakdown-tab-byStreet')).not.toBeNull();

    await findByTestId('ranking-row-sq-j');
    expect(allByTestId('ranking-row-').map((row) => row.dataset.testid)).toEqual([
      'ranking-row-sq-j',
      'ranking-row-sq-h',
    ]);
    expect(text('ranking-row-sq-j')).toContain('96.4');

    await findByTestId('alarm-type-noise_exceeded');
    expect(text('alarm-type-noise_exceeded')).toContain('噪声超标');
    expect(text('repeat-household-h-1')).toContain('江南中街 12 号 301');
    expect(text('repeat-household-h-1')).toContain('4 次');

    await findByTestId('escort-stat-services');
    expect(text('escort-stat-services')).toContain('31');
    await waitUntil(() => text('readiness-status') === '正常');
    expect(byTestId('street-filter')).not.toBeNull();
    await findByTestId('sla-trend-chart');
    await findByTestId('onsite-distribution-chart');
    await findByTestId('categories-chart');

    // District-wide and by the default range: no street, thirty Beijing days, by day.
    const ticketCall = bff.requests.find((request) => request.path.startsWith('/api/statistics/tickets?'));
    const query = new URLSearchParams(ticketCall!.path.split('?')[1]);
    expect(query.get('street')).toBeNull();
    expect(query.get('granularity')).toBe('day');
    const days = (Date.parse(query.get('to')!) - Date.parse(query.get('from')!)) / 86_400_000;
    expect(days).toBe(29);
  });

  it('asks again for the range a quick button names', async () => {
    signIn(['admin']);
    const bff = dashboardBff(user(['admin']));
    page = await render(<DashboardPage />, '/');
    await findByTestId('total-attainment');

    const today = [...document.querySelectorAll('[data-testid="quick-ranges"] label')].find(
      (label) => label.textContent === '今日',
    );
    await click(today!.querySelector('input')!);
    await waitUntil(() =>
      bff.requests.some((request) => {
        if (!request.path.startsWith('/api/statistics/tickets?')) return false;
        const query = new URLSearchParams(request.path.split('?')[1]);
        return query.get('from') === query.get('to');
      }),
    );
  });

  it('keeps an officer to their street: no street filter, no street tab, no system health, no escorts', async () => {
    signIn(['officer']);
    const bff = dashboardBff(user(['officer'], { streetId: 'huazhou', streetName: '华洲街道' }), {
      'GET /api/statistics/live': liveCounters({ streetId: 'huazhou' }),
    });
    page = await render(<DashboardPage />, '/');

    await findByTestId('breakdown-tab-bySquad');
    await waitUntil(() => text('dashboard-scope') === '范围：华洲街道');
    expect(byTestId('street-filter')).toBeNull();
    expect(byTestId('breakdown-tab-byStreet')).toBeNull();
    expect(byTestId('system-health')).toBeNull();
    expect(byTestId('readiness-status')).toBeNull();
    expect(byTestId('escort-stats')).toBeNull();
    await findByTestId('live-counter-openTickets');
    expect(byTestId('live-counter-openEscorts')).toBeNull();
    // The BFF scopes by the session; the page never asks for a street on an officer's behalf.
    expect(bff.requests.some((request) => request.path.includes('street='))).toBe(false);
    expect(bff.requests.some((request) => request.path === '/readyz')).toBe(false);
  });

  it('shows a community worker the escort figures but not the system’s health', async () => {
    signIn(['community_worker']);
    dashboardBff(user(['community_worker'], { streetId: 'huazhou', streetName: '华洲街道' }));
    page = await render(<DashboardPage />, '/');
    await findByTestId('escort-stat-summary');
    expect(text('escort-stat-summary')).toContain('12 名志愿者');
    expect(byTestId('system-health')).toBeNull();
    expect(byTestId('street-filter')).toBeNull();
  });

  it('says so when a period has nothing to show', async () => {
    signIn(['dispatcher']);
    dashboardBff(user(['dispatcher']), {
      'GET /api/statistics/tickets': emptyTicketStatistics(),
      'GET /api/statistics/alarms': alarmStatistics({
        byType: [],
        repeatHouseholds: [],
        ownerAcknowledgement: null,
        unacknowledged: 0,
      }),
      'GET /api/statistics/ranking': monthlyRanking({ squads: [], streets: [] }),
    });
    page = await render(<DashboardPage />, '/');

    await findByTestId('sla-trend-empty');
    expect(text('sla-trend-empty')).toContain('所选时段没有工单');
    await findByTestId('onsite-distribution-empty');
    await findByTestId('categories-empty');
    await findByTestId('alarm-stats-empty');
    expect(text('total-attainment')).toContain('—');
    await waitUntil(() => text('ranking').includes('该月没有计分的工单'));
    expect(text('breakdown')).toContain('所选时段没有数据');
    expect(byTestId('sla-trend-chart')).toBeNull();
  });

  it('shows each card’s failure with a retry that asks again', async () => {
    signIn(['dispatcher']);
    let ticketCalls = 0;
    dashboardBff(user(['dispatcher']), {
      'GET /api/statistics/tickets': () => {
        ticketCalls += 1;
        return serverError();
      },
      'GET /api/statistics/live': serverError,
    });
    page = await render(<DashboardPage />, '/');

    await findByTestId('sla-trend-error', 30_000);
    expect(text('sla-trend-error')).toContain('加载失败');
    await findByTestId('live-counters-error', 30_000);
    expect(byTestId('categories-error')).not.toBeNull();
    expect(byTestId('breakdown-error')).not.toBeNull();
    // The other cards do not depend on the failing one.
    await findByTestId('ranking-row-sq-j');

    const before = ticketCalls;
    await click(byTestId('sla-trend-error')!.querySelector('button')!);
    await waitUntil(() => ticketCalls > before);
  });
});
