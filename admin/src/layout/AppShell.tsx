import {
  LockOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Avatar, Button, Grid, Layout, Menu, Space, Tag, Typography, theme } from 'antd';
import { useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { AlertSettings } from '../alerts/AlertSettings';
import { watchesAlerts } from '../alerts/alertRules';
import { StaffAlertsHost } from '../alerts/StaffAlertsHost';
import { pages } from '../app/pages';
import { session } from '../app/services';
import { useSession } from '../auth/useSession';
import { t } from '../i18n';
import { roleLabels } from '../i18n/roles';
import { LargeTextToggle } from './LargeTextToggle';
import { isStreetAdmin } from '../statistics/scope';
import { canSee, selectedPath } from './navigation';

export function AppShell() {
  const current = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  // Below `lg` the menu folds away behind a header button (officers use the panel on phones too).
  const narrow = screens.lg === false;
  const [menuOpen, setMenuOpen] = useState(false);
  const userRoles = current?.user.roles;
  const streetAdmin = current ? isStreetAdmin(current.user) : false;

  const visible = useMemo(
    () => pages.filter((page) => canSee(page, userRoles ?? [], streetAdmin)),
    [userRoles, streetAdmin],
  );
  const selected = selectedPath(
    visible.map((page) => page.path),
    location.pathname,
  );

  if (!current) return null;
  const { user } = current;
  const siderCollapsed = narrow && !menuOpen;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <StaffAlertsHost user={user} />
      <Layout.Sider width={220} collapsedWidth={0} collapsed={siderCollapsed} trigger={null}>
        <div style={{ padding: `${token.paddingLG}px ${token.paddingLG}px ${token.padding}px` }}>
          <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
            {t('app.brand')}
          </Typography.Title>
          <Typography.Text style={{ color: 'rgba(255, 255, 255, 0.65)', fontSize: token.fontSizeSM }}>
            {t('app.brandSubtitle')}
          </Typography.Text>
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          items={visible.map((page) => ({ key: page.path, icon: page.icon, label: t(page.labelKey) }))}
          onClick={({ key }) => {
            navigate(key);
            setMenuOpen(false);
          }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            height: 'auto',
            minHeight: 56,
            lineHeight: 'normal',
            padding: `${token.paddingXS}px ${narrow ? token.padding : token.paddingLG}px`,
            display: 'flex',
            alignItems: 'center',
            gap: narrow ? token.marginSM : token.marginLG,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          {narrow && (
            <Button
              type="text"
              aria-label={t(menuOpen ? 'header.closeMenu' : 'header.openMenu')}
              icon={menuOpen ? <MenuFoldOutlined /> : <MenuUnfoldOutlined />}
              onClick={() => setMenuOpen((open) => !open)}
            />
          )}
          <div style={{ flex: 1 }} />
          {watchesAlerts({ userId: user.id, roles: user.roles }) && <AlertSettings />}
          <LargeTextToggle />
          <Space size={token.marginSM} style={{ minWidth: 0 }}>
            {!narrow && <Avatar icon={<UserOutlined />} style={{ backgroundColor: token.colorPrimary }} />}
            <Typography.Text strong ellipsis style={{ maxWidth: '10em' }}>
              {user.name}
            </Typography.Text>
            {screens.md !== false && (
              <Space size={4}>
                {roleLabels(user.roles).map((label) => (
                  <Tag key={label} color="blue" style={{ marginInlineEnd: 0 }}>
                    {label}
                  </Tag>
                ))}
              </Space>
            )}
            {screens.lg !== false && user.streetName && (
              <Typography.Text type="secondary">
                {t('header.street', { street: user.streetName })}
              </Typography.Text>
            )}
          </Space>
          <Button
            data-testid="change-password-link"
            icon={<LockOutlined />}
            aria-label={t('password.title')}
            title={t('password.title')}
            onClick={() => navigate('/password')}
          >
            {screens.md === false ? null : t('password.title')}
          </Button>
          <Button
            data-testid="logout"
            icon={<LogoutOutlined />}
            aria-label={t('header.logout')}
            title={t('header.logout')}
            onClick={() => session.clear('logout')}
          >
            {screens.sm === false ? null : t('header.logout')}
          </Button>
        </Layout.Header>
        <Layout.Content style={{ padding: narrow ? token.padding : token.paddingLG }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
