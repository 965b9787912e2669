// @vitest-environment jsdom
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider } from 'antd';
import { createRoot } from 'react-dom/client';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { appRoutes } from '../../app/App';
import { queryClient, session } from '../../app/services';
import { currentLocale } from '../../i18n';
import { publicBoard } from '../../test/statistics';
import {
  allByTestId,
  byTestId,
  click,
  fakeBff,
  findByTestId,
  render,
  setUpPageTests,
  waitUntil,
} from '../../test/dom';
import { PublicBoardPage } from './PublicBoardPage';

const text = (id: string) => byTestId(id)?.textContent ?? '';

let unmountApp: (() => void) | undefined;
setUpPageTests();
afterEach(() => {
  unmountApp?.();
  unmountApp = undefined;
});

/** The whole panel's routes at `path`, as the browser would open them, with nobody signed in. */
function renderApp(path: string) {
  const router = createMemoryRouter(appRoutes, {
    initialEntries: [path],
    future: {
      v7_relativeSplatPath: true,
      v7_fetcherPersist: true,
      v7_normalizeFormMethod: true,
      v7_partialHydration: true,
      v7_skipActionErrorRevalidation: true,
    },
  });
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  root.render(
    <ConfigProvider locale={currentLocale().antd}>
      <AntdApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} future={{ v7_startTransition: true }} />
        </QueryClientProvider>
      </AntdApp>
    </ConfigProvider>,
  );
  unmountApp = () => {
    root.unmount();
    container.remove();
  };
  return router;
}

describe('PublicBoardPage', { timeout: 60_000 }, () => {
  it('opens without signing in, outside the staff panel, and sends no token', async () => {
    expect(session.get()).toBeNull();
    const bff = fakeBff({ 'GET /api/public/board': publicBoard() });
    const router = renderApp('/public');

    await findByTestId('public-street-huazhou');
    expect(router.state.location.pathname).toBe('/public');
    // No menu, no header with a name or 退出登录: nothing of the staff panel.
    expect(document.querySelector('.ant-layout-sider')).toBeNull();
    expect(document.body.textContent).not.toContain('退出登录');
    const call = bff.fetch.mock.calls.find(([input]) => String(input).includes('/api/public/board'));
    expect(new Headers(call![1]?.headers).get('Authorization')).toBeNull();
  });

  it('still sends everyone else to the sign-in page', async () => {
    fakeBff({});
    const router = renderApp('/');
    await waitUntil(() => router.state.location.pathname === '/login');
  });

  it('shows each street’s open and overdue reports and this month’s attainment, overdue first', async () => {
    fakeBff({ 'GET /api/public/board': publicBoard() });
    await render(<PublicBoardPage />, '/public');

    await findByTestId('public-street-huazhou');
    expect(allByTestId('public-street-').map((el) => el.dataset.testid)).toEqual([
      'public-street-huazhou',
      'public-street-jiangnanzhong',
      'public-street-ruibao',
    ]);
    const huazhou = byTestId('public-street-huazhou')!;
    expect(huazhou.textContent).toContain('华洲街道');
    expect(huazhou.querySelector('[data-testid="street-open"]')!.textContent).toContain('3');
    expect(huazhou.querySelector('[data-testid="street-overdue"]')!.textContent).toContain('2');
    expect(huazhou.querySelector('[data-testid="street-attainment"]')!.textContent).toContain('80%');
    expect(text('public-street-ruibao')).toContain('暂无数据');
    expect(text('public-board')).toContain('2030 年 1 月');
  });

  it('lists the overdue places with category, street and Beijing time, and nothing personal', async () => {
    fakeBff({ 'GET /api/public/board': publicBoard() });
    await render(<PublicBoardPage />, '/public');

    await findByTestId('public-overdue-place');
    const places = allByTestId('public-overdue-place').map((place) => place.textContent ?? '');
    expect(places).toHaveLength(2);
    expect(places[0]).toContain('占道经营');
    expect(places[0]).toContain('华洲街道');
    // 02:00 UTC is 10:00 in Beijing.
    expect(places[0]).toContain('10:00');
    expect(places[1]).toContain('噪音扰民');
    expect(text('public-overdue')).toContain('共 2 处');
    expect(text('public-board')).toContain('不显示上报人');
  });

  it('says when nothing is overdue', async () => {
    fakeBff({ 'GET /api/public/board': publicBoard({ overdue: [] }) });
    await render(<PublicBoardPage />, '/public');
    await waitUntil(() => text('public-overdue').includes('目前没有超时未到场的问题'));
  });

  it('shows a failure with a retry that asks again', async () => {
    let calls = 0;
    fakeBff({
      'GET /api/public/board': () => {
        calls += 1;
        return calls <= 3
          ? new Response(JSON.stringify({ error: { code: 'internal', message: '服务异常' } }), {
              status: 500,
              headers: { 'Content-Type': 'application/json' },
            })
          : publicBoard();
      },
    });
    await render(<PublicBoardPage />, '/public');
    await findByTestId('public-board-error', 30_000);
    expect(text('public-board-error')).toContain('公示数据加载失败');
    await click(byTestId('public-board-error')!.querySelector('button')!);
    await findByTestId('public-street-huazhou', 30_000);
  });
});
