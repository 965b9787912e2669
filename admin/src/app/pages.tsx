import {
  AlertOutlined,
  ApiOutlined,
  DashboardOutlined,
  MobileOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { type ReactNode } from 'react';
import { alarmRoles, deviceRoles } from '../alarms/permissions';
import { type PageDefinition } from '../layout/navigation';
import { AlarmConsolePage } from '../pages/alarms/AlarmConsolePage';
import { DeviceListPage } from '../pages/devices/DeviceListPage';
import { OfficerPage } from '../pages/officer/OfficerPage';
import { OverviewPage } from '../pages/OverviewPage';
import { TicketQueuePage } from '../pages/tickets/TicketQueuePage';
import { consoleRoles, officerRoles } from '../tickets/permissions';

/**
 * Every page of the signed-in panel, in menu order. Routes and the side menu are both built from this list,
 * so a menu entry exists only for a page that exists, and only for the roles that can use it. Later pages
 * (陪诊服务) slot in here the same way.
 */
export const pages: readonly PageDefinition<ReactNode>[] = [
  { path: '/', labelKey: 'nav.overview', icon: <DashboardOutlined />, element: <OverviewPage /> },
  {
    path: '/tickets',
    labelKey: 'nav.tickets',
    icon: <UnorderedListOutlined />,
    element: <TicketQueuePage />,
    roles: consoleRoles,
  },
  {
    path: '/alarms',
    labelKey: 'nav.alarms',
    icon: <AlertOutlined />,
    element: <AlarmConsolePage />,
    roles: alarmRoles,
  },
  {
    path: '/devices',
    labelKey: 'nav.devices',
    icon: <ApiOutlined />,
    element: <DeviceListPage />,
    roles: deviceRoles,
  },
  {
    path: '/officer',
    labelKey: 'nav.officer',
    icon: <MobileOutlined />,
    element: <OfficerPage />,
    roles: officerRoles,
  },
];
