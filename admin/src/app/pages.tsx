import {
  AlertOutlined,
  AppstoreOutlined,
  BorderOuterOutlined,
  ApiOutlined,
  AuditOutlined,
  CloudUploadOutlined,
  BellOutlined,
  CalendarOutlined,
  DashboardOutlined,
  DownloadOutlined,
  HeartOutlined,
  HomeOutlined,
  MobileOutlined,
  IdcardOutlined,
  ScheduleOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserAddOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { lazy, Suspense, type ReactNode } from 'react';
import { Skeleton } from 'antd';
import { alarmRoles, deviceRoles } from '../alarms/permissions';
import { auditRoles } from '../audit/auditLog';
import { categoryRoles } from '../categories/permissions';
import { districtGridRoles } from '../district/permissions';
import { escortRoles } from '../escorts/permissions';
import { exportRoles } from '../exports/exportDownload';
import { type PageDefinition } from '../layout/navigation';
import { AlarmConsolePage } from '../pages/alarms/AlarmConsolePage';
import { AuditLogPage } from '../pages/audit/AuditLogPage';
import { CategoriesPage } from '../pages/categories/CategoriesPage';
import { DeviceListPage } from '../pages/devices/DeviceListPage';
import { DeviceImportPage } from '../pages/devices/import/DeviceImportPage';
import { deviceImportRoles } from '../pages/devices/import/deviceImportModel';
import { DistrictGridsPage } from '../pages/district/DistrictGridsPage';
import { EldersPage } from '../pages/escorts/EldersPage';
import { HouseholdsPage } from '../pages/households/HouseholdsPage';
import { householdRoles } from '../households/permissions';
import { ExportsPage } from '../pages/exports/ExportsPage';
import { EscortBookingPage } from '../pages/escorts/EscortBookingPage';
import { OpenEscortsPage } from '../pages/escorts/OpenEscortsPage';
import { VolunteersPage } from '../pages/escorts/VolunteersPage';
import { NotificationRecordsPage } from '../pages/notifications/NotificationRecordsPage';
import { notificationRecordRoles } from '../notifications/permissions';
import { OfficerPage } from '../pages/officer/OfficerPage';
import { StaffPage } from '../pages/staff/StaffPage';
import { staffAdminRoles } from '../staff/permissions';
import { RosterPage } from '../pages/rosters/RosterPage';
import { StaffImportPage } from '../pages/staff/import/StaffImportPage';
import { staffImportRoles } from '../pages/staff/import/staffImportModel';
import { rosterRoles } from '../rosters/permissions';
import { TicketQueuePage } from '../pages/tickets/TicketQueuePage';
import { consoleRoles, officerRoles } from '../tickets/permissions';

// The dashboard brings ECharts (about 190 kB gzipped): loaded when it is opened, so the public board on a
// phone and the other pages do not wait for it.
const DashboardPage = lazy(() =>
  import('../pages/dashboard/DashboardPage').then((module) => ({ default: module.DashboardPage })),
);

/**
 * Every page of the signed-in panel, in menu order. Routes and the side menu are both built from this list,
 * so a menu entry exists only for a page that exists, and only for the roles that can use it.
 */
export const pages: readonly PageDefinition<ReactNode>[] = [
  {
    path: '/',
    labelKey: 'dashboard.nav',
    icon: <DashboardOutlined />,
    element: (
      <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
        <DashboardPage />
      </Suspense>
    ),
  },
  {
    path: '/tickets',
    labelKey: 'nav.tickets',
    icon: <UnorderedListOutlined />,
    element: <TicketQueuePage />,
    roles: consoleRoles,
  },
  {
    path: '/rosters',
    labelKey: 'nav.rosters',
    icon: <ScheduleOutlined />,
    element: <RosterPage />,
    roles: rosterRoles,
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
    path: '/devices/import',
    labelKey: 'nav.deviceImport',
    icon: <CloudUploadOutlined />,
    element: <DeviceImportPage />,
    roles: deviceImportRoles,
  },
  {
    path: '/households',
    labelKey: 'nav.households',
    icon: <HomeOutlined />,
    element: <HouseholdsPage />,
    roles: householdRoles,
  },
  {
    path: '/elders',
    labelKey: 'nav.elders',
    icon: <TeamOutlined />,
    element: <EldersPage />,
    roles: escortRoles,
  },
  {
    path: '/escorts/book',
    labelKey: 'nav.escortBooking',
    icon: <CalendarOutlined />,
    element: <EscortBookingPage />,
    roles: escortRoles,
  },
  {
    path: '/escorts',
    labelKey: 'nav.escorts',
    icon: <HeartOutlined />,
    element: <OpenEscortsPage />,
    roles: escortRoles,
  },
  {
    path: '/volunteers',
    labelKey: 'nav.volunteers',
    icon: <SafetyCertificateOutlined />,
    element: <VolunteersPage />,
    roles: escortRoles,
  },
  {
    path: '/notifications',
    labelKey: 'nav.notifications',
    icon: <BellOutlined />,
    element: <NotificationRecordsPage />,
    roles: notificationRecordRoles,
    districtOnly: true,
  },
  {
    path: '/exports',
    labelKey: 'nav.exports',
    icon: <DownloadOutlined />,
    element: <ExportsPage />,
    roles: exportRoles,
  },
  {
    path: '/staff',
    labelKey: 'nav.staff',
    icon: <IdcardOutlined />,
    element: <StaffPage />,
    roles: staffAdminRoles,
  },
  {
    path: '/staff/import',
    labelKey: 'nav.staffImport',
    icon: <UserAddOutlined />,
    element: <StaffImportPage />,
    roles: staffImportRoles,
  },
  {
    path: '/audit',
    labelKey: 'nav.audit',
    icon: <AuditOutlined />,
    element: <AuditLogPage />,
    roles: auditRoles,
  },
  {
    path: '/categories',
    labelKey: 'nav.categories',
    icon: <AppstoreOutlined />,
    element: <CategoriesPage />,
    roles: categoryRoles,
  },
  {
    path: '/district/grids',
    labelKey: 'nav.districtGrids',
    icon: <BorderOuterOutlined />,
    element: <DistrictGridsPage />,
    roles: districtGridRoles,
  },
  {
    path: '/officer',
    labelKey: 'nav.officer',
    icon: <MobileOutlined />,
    element: <OfficerPage />,
    roles: officerRoles,
  },
];
