import { type Role } from '@jiefang/contracts';
import { Result } from 'antd';
import { type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { t } from '../i18n';
import { canSee } from '../layout/navigation';
import { isStreetAdmin } from '../statistics/scope';
import { ChangePasswordPage } from '../pages/ChangePasswordPage';
import { useSession } from './useSession';

/**
 * Renders its children for a signed-in person; everyone else goes to the login page. A sign-in with a
 * one-time password opens nothing but 修改密码 (the BFF refuses its token everywhere else).
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const current = useSession();
  const location = useLocation();
  if (!current) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (current.user.mustChangePassword) return <ChangePasswordPage />;
  return children;
}

/** Keeps a page from people whose roles may not see it (the BFF enforces the same on its side). */
export function PageGate({
  roles,
  districtOnly,
  children,
}: {
  roles?: readonly Role[];
  districtOnly?: true;
  children: ReactNode;
}) {
  const current = useSession();
  if (!current || !canSee({ roles, districtOnly }, current.user.roles, isStreetAdmin(current.user))) {
    return <Result status="403" title={t('error.forbidden')} />;
  }
  return children;
}
