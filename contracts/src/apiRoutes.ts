import type { z } from 'zod';
import { staffRoles, type Role } from './roles';
import { alarmListQuerySchema, alarmNoteRequestSchema, remoteWarningRequestSchema } from './alarms';
import { devLoginRequestSchema, passwordLoginRequestSchema, wechatLoginRequestSchema } from './auth';
import {
  deviceListQuerySchema,
  deviceReadingsQuerySchema,
  registerDeviceRequestSchema,
  updateDeviceRequestSchema,
} from './devices';
import {
  confirmOwnerInvitationRequestSchema,
  createHouseholdRequestSchema,
  householdImportQuerySchema,
  householdListQuerySchema,
  ownerInvitationRequestSchema,
  updateHouseholdRequestSchema,
} from './households';
import {
  createElderRequestSchema,
  createEscortRequestSchema,
  escortCheckInSchema,
  escortCompleteSchema,
  escortListQuerySchema,
  escortRateSchema,
  escortReasonSchema,
  escortReassignSchema,
  escortSosSchema,
  escortStatisticsQuerySchema,
  registerVolunteerRequestSchema,
  volunteerListQuerySchema,
} from './escorts';
import {
  assignRequestSchema,
  checkInRequestSchema,
  createReportRequestSchema,
  dutyRequestSchema,
  locationRequestSchema,
  officerTicketsQuerySchema,
  rateRequestSchema,
  reasonRequestSchema,
  reportListQuerySchema,
  transferRequestSchema,
} from './reports';
import { noiseSitesQuerySchema } from './alarms';
import { updateCategoryRequestSchema } from './categories';
import { gridPublishRequestSchema, gridUploadRequestSchema } from './districtGrids';
import { closeTicketRequestSchema } from './closeout';
import { exportDatasets, exportFormatsOf, exportPath, exportQuerySchema } from './exports';
import { rosterEntryRequestSchema, rosterQuerySchema, squadScheduleRequestSchema } from './rosters';
import {
  markNotificationsReadRequestSchema,
  notificationListQuerySchema,
  notificationRecordQuerySchema,
  recordSubscriptionsRequestSchema,
} from './notifications';
import { meChangesQuerySchema } from './live';
import { auditSearchQuerySchema } from './audit';
import { deleteAccountRequestSchema } from './personalData';
import { reverseGeocodeQuerySchema } from './geocoding';
import { joinReportRequestSchema, nearbyReportsQuerySchema } from './nearbyReports';
import { rankingQuerySchema, statisticsQuerySchema } from './statistics';
import {
  changePasswordRequestSchema,
  createStaffAccountRequestSchema,
  officerListQuerySchema,
  updateUserRequestSchema,
  userListQuerySchema,
} from './users';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * Who may call a route: anyone, anyone signed in (the handler then limits them to what is theirs),
 * anyone holding a signed, expiring link (photos), or the holders of these roles. Everyone else gets
 * 401 (not signed in) or 403.
 */
export type RouteAccess = 'public' | 'signed-in' | 'signed-link' | readonly Role[];

export interface ApiRoute {
  method: HttpMethod;
  /** @koa/router syntax: `:name` for a path parameter. */
  path: string;
  access: RouteAccess;
  body?: z.ZodType;
  query?: z.ZodType;
  /** A server-sent event stream rather than one response. */
  stream?: true;
  /** Path parameters that name the caller themself (a user's own record) rather than any record. */
  selfParams?: readonly string[];
  /**
   * Open to a token that may only change its password (after a one-time password); every other route
   * answers such a token 403 `password_change_required`.
   */
  passwordChange?: true;
}

const enforcement: readonly Role[] = ['officer', 'squad_leader', 'dispatcher', 'admin'];
const dispatching: readonly Role[] = ['squad_leader', 'dispatcher', 'admin'];
const onPatrol: readonly Role[] = ['officer', 'squad_leader'];
const deviceWatchers: readonly Role[] = ['admin', 'dispatcher', 'squad_leader'];
/** Who registers and edits households and invites their owners: the district's admins, a street's community workers. */
const householdKeepers: readonly Role[] = ['admin', 'community_worker'];
/** Staff who look after elders and volunteers. */
const elderStaff: readonly Role[] = ['community_worker', 'admin', 'dispatcher'];
/** Who may close a ticket without fixing it. */
const closing: readonly Role[] = ['dispatcher', 'admin'];
/** Who may export (each within their scope). */
const exporting: readonly Role[] = ['admin', 'dispatcher', 'squad_leader', 'community_worker'];

/** Every HTTP route of the BFF with who may call it and what it accepts. */
export const apiRoutes: readonly ApiRoute[] = [
  { method: 'GET', path: '/healthz', access: 'public' },
  { method: 'GET', path: '/readyz', access: 'public' },

  { method: 'POST', path: '/api/auth/login', access: 'public', body: passwordLoginRequestSchema },
  { method: 'POST', path: '/api/auth/wechat', access: 'public', body: wechatLoginRequestSchema },
  { method: 'POST', path: '/api/auth/dev-login', access: 'public', body: devLoginRequestSchema },
  {
    method: 'POST',
    path: '/api/auth/password',
    access: 'signed-in',
    body: changePasswordRequestSchema,
    passwordChange: true,
  },
  { method: 'GET', path: '/api/me', access: 'signed-in' },
  // What changed for the caller (their reports, escorts, households' alarms, messages): a stream for
  // browsers, a cheap poll for the mini-program (no event streams there).
  { method: 'GET', path: '/api/me/events', access: 'signed-in', stream: true },
  { method: 'GET', path: '/api/me/changes', access: 'signed-in', query: meChangesQuerySchema },
  // 我的数据 (PIPL): everything held about the caller, as a page and as a JSON file; and deleting the
  // account (residents, volunteers, owners: the handler refuses staff, whose accounts admins disable).
  { method: 'GET', path: '/api/me/data', access: 'signed-in' },
  { method: 'GET', path: '/api/me/data/export', access: 'signed-in' },
  { method: 'DELETE', path: '/api/me', access: 'signed-in', body: deleteAccountRequestSchema },

  { method: 'GET', path: '/api/users/:id', access: 'signed-in', selfParams: ['id'] },
  { method: 'GET', path: '/api/users', access: ['admin'], query: userListQuerySchema },
  { method: 'POST', path: '/api/users', access: ['admin'], body: createStaffAccountRequestSchema },
  { method: 'PATCH', path: '/api/users/:id', access: ['admin'], body: updateUserRequestSchema },
  { method: 'POST', path: '/api/users/:id/password-reset', access: ['admin'] },
  // Staff bulk import: multipart .xlsx or .csv (read by the handler); a street's admin only into their street.
  { method: 'GET', path: '/api/users/import/template', access: ['admin'] },
  { method: 'POST', path: '/api/users/import/preview', access: ['admin'] },
  { method: 'POST', path: '/api/users/import', access: ['admin'] },

  { method: 'GET', path: '/api/streets', access: 'public' },
  { method: 'GET', path: '/api/district', access: 'public' },
  // 辖区网格: a street's grids uploaded, checked and published (a street's administrator their own street only).
  {
    method: 'POST',
    path: '/api/district/streets/:streetId/grids/preview',
    access: ['admin'],
    body: gridUploadRequestSchema,
  },
  {
    method: 'POST',
    path: '/api/district/streets/:streetId/grids',
    access: ['admin'],
    body: gridPublishRequestSchema,
  },
  { method: 'GET', path: '/api/district/streets/:streetId/grids/versions', access: ['admin'] },
  // Residents get the enabled categories; administrators every one, to edit (district administrators only).
  { method: 'GET', path: '/api/categories', access: 'public' },
  { method: 'GET', path: '/api/categories/all', access: ['admin'] },
  { method: 'PATCH', path: '/api/categories/:code', access: ['admin'], body: updateCategoryRequestSchema },
  { method: 'GET', path: '/api/categories/:code/revisions', access: ['admin'] },

  { method: 'POST', path: '/api/reports', access: ['resident'], body: createReportRequestSchema },
  { method: 'GET', path: '/api/reports', access: 'signed-in', query: reportListQuerySchema },
  { method: 'GET', path: '/api/reports/map', access: 'public' },
  // Open tickets near a pin before reporting (no one's personal data), and joining one with a tap.
  { method: 'GET', path: '/api/reports/nearby', access: 'signed-in', query: nearbyReportsQuerySchema },
  { method: 'POST', path: '/api/reports/:id/join', access: ['resident'], body: joinReportRequestSchema },
  { method: 'GET', path: '/api/reports/:id', access: 'signed-in' },
  { method: 'POST', path: '/api/reports/:id/confirm', access: 'signed-in' },
  { method: 'POST', path: '/api/reports/:id/reopen', access: 'signed-in', body: reasonRequestSchema },
  { method: 'POST', path: '/api/reports/:id/rate', access: 'signed-in', body: rateRequestSchema },

  { method: 'GET', path: '/api/tickets', access: enforcement, query: reportListQuerySchema },
  { method: 'GET', path: '/api/tickets/events', access: enforcement, stream: true },
  { method: 'GET', path: '/api/tickets/:id', access: enforcement },
  { method: 'POST', path: '/api/tickets/:id/accept', access: enforcement },
  { method: 'POST', path: '/api/tickets/:id/reject', access: enforcement, body: reasonRequestSchema },
  { method: 'POST', path: '/api/tickets/:id/check-in', access: enforcement, body: checkInRequestSchema },
  { method: 'POST', path: '/api/tickets/:id/transfer', access: enforcement, body: transferRequestSchema },
  { method: 'POST', path: '/api/tickets/:id/assign', access: dispatching, body: assignRequestSchema },
  { method: 'POST', path: '/api/tickets/:id/resolve', access: enforcement },
  // Closing without fixing takes a ticket off every SLA clock: the district's call, not the squad's own.
  { method: 'POST', path: '/api/tickets/:id/close', access: closing, body: closeTicketRequestSchema },

  { method: 'GET', path: '/api/officers', access: dispatching, query: officerListQuerySchema },
  // Rosters: officers read their squad's; its leader, dispatchers and admins plan them.
  { method: 'GET', path: '/api/squads/:squadId/roster', access: enforcement, query: rosterQuerySchema },
  {
    method: 'PUT',
    path: '/api/squads/:squadId/schedule',
    access: dispatching,
    body: squadScheduleRequestSchema,
  },
  {
    method: 'PUT',
    path: '/api/squads/:squadId/roster/:date/:shiftId',
    access: dispatching,
    body: rosterEntryRequestSchema,
  },
  { method: 'POST', path: '/api/officer/duty', access: onPatrol, body: dutyRequestSchema },
  { method: 'POST', path: '/api/officer/location', access: onPatrol, body: locationRequestSchema },
  { method: 'GET', path: '/api/officer/status', access: onPatrol },
  {
    method: 'GET',
    path: '/api/officer/tickets',
    access: onPatrol,
    query: officerTicketsQuerySchema,
  },

  // Residents' report photos and officers' after-photos (a resolve names them), uploaded ahead one by one.
  { method: 'POST', path: '/api/photos', access: ['resident', ...onPatrol] },
  { method: 'GET', path: '/api/photos/:id', access: 'signed-link' },
  { method: 'GET', path: '/api/notifications', access: 'signed-in', query: notificationListQuerySchema },
  { method: 'GET', path: '/api/notifications/unread-count', access: 'signed-in' },
  {
    method: 'POST',
    path: '/api/notifications/read',
    access: 'signed-in',
    body: markNotificationsReadRequestSchema,
  },
  { method: 'GET', path: '/api/notifications/subscriptions', access: 'signed-in' },
  {
    method: 'POST',
    path: '/api/notifications/subscriptions',
    access: 'signed-in',
    body: recordSubscriptionsRequestSchema,
  },
  {
    method: 'GET',
    path: '/api/notification-records',
    access: ['admin', 'dispatcher'],
    query: notificationRecordQuerySchema,
  },

  { method: 'GET', path: '/api/escort-services', access: 'public' },
  {
    method: 'POST',
    path: '/api/elders',
    access: ['community_worker', 'admin', 'dispatcher', 'resident'],
    body: createElderRequestSchema,
  },
  { method: 'GET', path: '/api/elders', access: 'signed-in' },
  { method: 'GET', path: '/api/elders/:id', access: 'signed-in' },
  { method: 'POST', path: '/api/escorts', access: 'signed-in', body: createEscortRequestSchema },
  { method: 'GET', path: '/api/escorts/open', access: ['volunteer'] },
  {
    method: 'GET',
    path: '/api/escorts/statistics',
    access: elderStaff,
    query: escortStatisticsQuerySchema,
  },
  { method: 'GET', path: '/api/escorts', access: 'signed-in', query: escortListQuerySchema },
  { method: 'GET', path: '/api/escorts/:id', access: 'signed-in' },
  { method: 'POST', path: '/api/escorts/:id/accept', access: ['volunteer'] },
  { method: 'POST', path: '/api/escorts/:id/withdraw', access: ['volunteer'], body: escortReasonSchema },
  { method: 'POST', path: '/api/escorts/:id/check-in', access: ['volunteer'], body: escortCheckInSchema },
  { method: 'POST', path: '/api/escorts/:id/complete', access: ['volunteer'], body: escortCompleteSchema },
  { method: 'POST', path: '/api/escorts/:id/cancel', access: 'signed-in', body: escortReasonSchema },
  { method: 'POST', path: '/api/escorts/:id/rate', access: 'signed-in', body: escortRateSchema },
  { method: 'POST', path: '/api/escorts/:id/sos', access: 'signed-in', body: escortSosSchema },
  { method: 'POST', path: '/api/escorts/:id/reassign', access: elderStaff, body: escortReassignSchema },
  {
    method: 'POST',
    path: '/api/volunteers/me',
    access: ['volunteer'],
    body: registerVolunteerRequestSchema,
  },
  { method: 'GET', path: '/api/volunteers/me', access: ['volunteer'] },
  { method: 'GET', path: '/api/volunteers', access: elderStaff, query: volunteerListQuerySchema },
  { method: 'POST', path: '/api/volunteers/:id/verify', access: elderStaff },
  { method: 'GET', path: '/api/volunteers/:id/hours', access: 'signed-in', selfParams: ['id'] },
  { method: 'POST', path: '/api/volunteers/:id/hours/:escortId/review', access: elderStaff },

  { method: 'POST', path: '/api/devices', access: ['admin'], body: registerDeviceRequestSchema },
  // Bulk registration: multipart .xlsx or .csv (read by the handler); a street's admin only into their street.
  { method: 'GET', path: '/api/devices/import/template', access: ['admin'] },
  { method: 'POST', path: '/api/devices/import/preview', access: ['admin'] },
  { method: 'POST', path: '/api/devices/import', access: ['admin'] },
  { method: 'GET', path: '/api/devices', access: deviceWatchers, query: deviceListQuerySchema },
  { method: 'GET', path: '/api/devices/:id', access: deviceWatchers },
  { method: 'PATCH', path: '/api/devices/:id', access: ['admin'], body: updateDeviceRequestSchema },
  { method: 'POST', path: '/api/devices/:id/rotate-secret', access: ['admin'] },
  {
    method: 'GET',
    path: '/api/devices/:id/readings',
    access: ['admin', 'dispatcher', 'squad_leader', 'officer', 'community_worker'],
    query: deviceReadingsQuerySchema,
  },
  {
    method: 'POST',
    path: '/api/households',
    access: householdKeepers,
    body: createHouseholdRequestSchema,
  },
  { method: 'GET', path: '/api/households', access: 'signed-in', query: householdListQuerySchema },
  // Bulk import: multipart .xlsx or .csv (read by the handler); a preview, then `?commit=1`; street staff
  // only rows of their street.
  {
    method: 'POST',
    path: '/api/households/import',
    access: householdKeepers,
    query: householdImportQuerySchema,
  },
  { method: 'GET', path: '/api/households/:id', access: 'signed-in' },
  // Street staff only for their street's households (another street's: 404).
  {
    method: 'PATCH',
    path: '/api/households/:id',
    access: householdKeepers,
    body: updateHouseholdRequestSchema,
  },
  {
    method: 'POST',
    path: '/api/households/:id/invitations',
    access: householdKeepers,
    body: ownerInvitationRequestSchema,
  },
  { method: 'DELETE', path: '/api/households/:id/owners/:userId', access: householdKeepers },
  // The invited owner, signed in with WeChat in the mini-program (a resident until then).
  {
    method: 'POST',
    path: '/api/households/invitations/confirm',
    access: ['resident', 'property_owner'],
    body: confirmOwnerInvitationRequestSchema,
  },

  { method: 'GET', path: '/api/alarms', access: 'signed-in', query: alarmListQuerySchema },
  { method: 'GET', path: '/api/alarms/events', access: staffRoles, stream: true },

  // The command centre: each caller sees their scope (a street's staff their street, the district's all).
  { method: 'GET', path: '/api/statistics/tickets', access: staffRoles, query: statisticsQuerySchema },
  { method: 'GET', path: '/api/statistics/ranking', access: staffRoles, query: rankingQuerySchema },
  { method: 'GET', path: '/api/statistics/alarms', access: staffRoles, query: statisticsQuerySchema },
  { method: 'GET', path: '/api/statistics/live', access: staffRoles },
  // Anyone may see how each street keeps the promise; places of overdue reports only to about 100 m.
  { method: 'GET', path: '/api/public/board', access: 'public' },
  // Which tiles maps draw on (none: the district's own outlines).
  { method: 'GET', path: '/api/map/config', access: 'public' },
  // The address at a map pin, when a geocoder is configured (rate-limited per user).
  { method: 'GET', path: '/api/geocode/reverse', access: 'signed-in', query: reverseGeocodeQuerySchema },
  { method: 'GET', path: '/api/alarms/:id', access: 'signed-in' },
  { method: 'POST', path: '/api/alarms/:id/acknowledge', access: 'signed-in', body: alarmNoteRequestSchema },
  { method: 'POST', path: '/api/alarms/:id/clear', access: 'signed-in', body: alarmNoteRequestSchema },
  { method: 'POST', path: '/api/alarms/:id/warning', access: 'signed-in', body: remoteWarningRequestSchema },
  { method: 'GET', path: '/api/noise/sites', access: 'signed-in', query: noiseSitesQuerySchema },

  // The audit log: the district's administrators all of it, a street's administrator their street's.
  { method: 'GET', path: '/api/audit', access: ['admin'], query: auditSearchQuerySchema },

  // Monthly exports: district staff any street or all; squad leaders and community workers their street.
  ...exportDatasets.flatMap((dataset) =>
    exportFormatsOf[dataset].map((format): ApiRoute => ({
      method: 'GET',
      path: exportPath(dataset, format),
      access: exporting,
      query: exportQuerySchema,
    })),
  ),
];
