import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider } from 'antd';
import { useMemo } from 'react';
import { createHashRouter, RouterProvider, type RouteObject } from 'react-router-dom';
import { PageGate, RequireAuth } from '../auth/RequireAuth';
import { currentLocale } from '../i18n';
import { AppShell } from '../layout/AppShell';
import { LoginPage } from '../pages/LoginPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { ChangePasswordPage } from '../pages/ChangePasswordPage';
import { PublicBoardPage } from '../pages/public/PublicBoardPage';
import { useLargeText } from '../preferences/largeText';
import { pages } from './pages';
import { queryClient } from './services';
import { buildTheme } from './theme';

/** The panel's routes: the login and the public board open to anyone, every other page behind sign-in. */
export const appRoutes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  // 街道办理公示: for residents, without signing in and without any of the staff panel around it.
  { path: '/public', element: <PublicBoardPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    children: [
      ...pages.map((page) => {
        const element = (
          <PageGate roles={page.roles} districtOnly={page.districtOnly}>
            {page.element}
          </PageGate>
        );
        return page.path === '/' ? { index: true, element } : { path: page.path, element };
      }),
      // 修改密码, for anyone signed in (outside the menu: the header's button opens it).
      { path: 'password', element: <ChangePasswordPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

// Hash routing: the BFF serves index.html at /admin/ and needs no fallback for deep links.
const router = createHashRouter(appRoutes, {
  // Opt in to React Router 7 behaviour now, so the upgrade changes nothing and dev logs stay quiet.
  future: {
    v7_relativeSplatPath: true,
    v7_fetcherPersist: true,
    v7_normalizeFormMethod: true,
    v7_partialHydration: true,
    v7_skipActionErrorRevalidation: true,
  },
});

export function App() {
  const [largeText] = useLargeText();
  const appTheme = useMemo(() => buildTheme(largeText), [largeText]);
  return (
    <ConfigProvider locale={currentLocale().antd} theme={appTheme} button={{ autoInsertSpace: false }}>
      {/* Notifications (the staff alerts) below the header, not over the name and 退出登录. */}
      <AntdApp notification={{ top: 64, maxCount: 5 }}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} future={{ v7_startTransition: true }} />
        </QueryClientProvider>
      </AntdApp>
    </ConfigProvider>
  );
}
