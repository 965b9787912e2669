import {
  alarmListSchema,
  auditEntryListSchema,
  alarmSchema,
  authResponseSchema,
  categoryListSchema,
  categoryRevisionListSchema,
  categorySchema,
  elderListSchema,
  elderSchema,
  escortListSchema,
  escortSchema,
  escortServiceListSchema,
  escortStatisticsSchema,
  deviceCredentialsSchema,
  deviceListSchema,
  deviceReadingsSchema,
  deviceSchema,
  householdListSchema,
  householdSchema,
  ownerInvitationSchema,
  districtMapSchema,
  gridPreviewSchema,
  gridVersionListSchema,
  gridVersionSummarySchema,
  type GridPreview,
  type GridPublishRequest,
  type GridUploadRequest,
  type GridVersionList,
  type GridVersionSummary,
  mapConfigSchema,
  meResponseSchema,
  notificationRecordListSchema,
  officerListSchema,
  officerStatusSchema,
  readinessSchema,
  rosterEntrySchema,
  squadRosterSchema,
  squadScheduleSchema,
  streetListSchema,
  ticketListSchema,
  ticketSchema,
  volunteerHoursSchema,
  volunteerListSchema,
  volunteerSchema,
  passwordResetResponseSchema,
  userListSchema,
  userSchema,
  type ChangePasswordRequest,
  type CreateStaffAccountRequest,
  type PasswordResetResponse,
  type UpdateUserRequest,
  type UserList,
  type Alarm,
  type AlarmList,
  type AuditEntryList,
  type AuthResponse,
  type Category,
  type CategoryList,
  type CategoryRevisionList,
  type UpdateCategoryRequest,
  type CheckInRequest,
  type CloseTicketRequest,
  type CreateElderRequest,
  type CreateEscortRequest,
  type CreateHouseholdRequest,
  type Device,
  type Household,
  type HouseholdList,
  type OwnerInvitation,
  type UpdateHouseholdRequest,
  type DeviceCredentials,
  type DeviceList,
  type DeviceReadings,
  type DistrictMap,
  type MapConfig,
  type DutyRequest,
  type Elder,
  type Escort,
  type EscortList,
  type EscortStatistics,
  type LocationRequest,
  type NotificationRecordList,
  type NotificationRecordStatus,
  type OfficerList,
  type OfficerStatus,
  type PasswordLoginRequest,
  type RegisterDeviceRequest,
  type Readiness,
  type RosterEntry,
  type SquadRoster,
  type SquadSchedule,
  type SquadScheduleRequest,
  type StreetList,
  type Ticket,
  type TicketList,
  type TransferRequest,
  type UpdateDeviceRequest,
  type User,
  type Volunteer,
  type VolunteerHours,
} from '@jiefang/contracts';
import { z } from 'zod';
import { alarmQuery, type AlarmFilters } from '../alarms/alarmCache';
import { type DeviceFilters } from '../alarms/queryKeys';
import { type EscortFilters } from '../escorts/queryKeys';
import { type TicketFilters } from '../tickets/ticketCache';
import { staffListQuery, type StaffFilters } from '../staff/staffFilters';
import { type ApiClient } from './client';
import { bffRoute, withQuery, type RouteTarget } from './routes';
import { type Uploader } from './upload';

/** The queue asks for the most the BFF gives in one page; filters narrow it further. */
export const TICKET_PAGE_SIZE = 200;

/** The alarm console asks for the most the BFF gives in one page; filters narrow it further. */
export const ALARM_PAGE_SIZE = 200;
/** Devices: the district has a few hundred at most. */
export const DEVICE_PAGE_SIZE = 500;

/** `GET /api/elders`: the contracts name the schema, not its type. */
export type ElderList = z.infer<typeof elderListSchema>;

/** Escorts: the worker's street has at most a few dozen active requests. */
export const ESCORT_PAGE_SIZE = 200;
/** The notification records page shows the newest this many of a status. */
export const NOTIFICATION_RECORD_PAGE_SIZE = 200;

const assignmentsSchema = z.object({ items: z.array(ticketSchema) });

/** The routes the admin panel calls, looked up in the contracts' descriptors when this module loads. */
const routes = {
  login: bffRoute('POST', '/api/auth/login'),
  me: bffRoute('GET', '/api/me'),
  readiness: bffRoute('GET', '/readyz'),
  categories: bffRoute('GET', '/api/categories'),
  allCategories: bffRoute('GET', '/api/categories/all'),
  updateCategory: bffRoute('PATCH', '/api/categories/:code'),
  categoryRevisions: bffRoute('GET', '/api/categories/:code/revisions'),
  streets: bffRoute('GET', '/api/streets'),
  district: bffRoute('GET', '/api/district'),
  previewGrids: bffRoute('POST', '/api/district/streets/:streetId/grids/preview'),
  publishGrids: bffRoute('POST', '/api/district/streets/:streetId/grids'),
  gridVersions: bffRoute('GET', '/api/district/streets/:streetId/grids/versions'),
  mapConfig: bffRoute('GET', '/api/map/config'),
  tickets: bffRoute('GET', '/api/tickets'),
  ticket: bffRoute('GET', '/api/tickets/:id'),
  assign: bffRoute('POST', '/api/tickets/:id/assign'),
  transfer: bffRoute('POST', '/api/tickets/:id/transfer'),
  accept: bffRoute('POST', '/api/tickets/:id/accept'),
  reject: bffRoute('POST', '/api/tickets/:id/reject'),
  checkIn: bffRoute('POST', '/api/tickets/:id/check-in'),
  resolve: bffRoute('POST', '/api/tickets/:id/resolve'),
  closeTicket: bffRoute('POST', '/api/tickets/:id/close'),
  officers: bffRoute('GET', '/api/officers'),
  officerStatus: bffRoute('GET', '/api/officer/status'),
  setDuty: bffRoute('POST', '/api/officer/duty'),
  sendLocation: bffRoute('POST', '/api/officer/location'),
  officerTickets: bffRoute('GET', '/api/officer/tickets'),
  squadRoster: bffRoute('GET', '/api/squads/:squadId/roster'),
  saveSchedule: bffRoute('PUT', '/api/squads/:squadId/schedule'),
  setRosterEntry: bffRoute('PUT', '/api/squads/:squadId/roster/:date/:shiftId'),
  alarms: bffRoute('GET', '/api/alarms'),
  alarm: bffRoute('GET', '/api/alarms/:id'),
  acknowledgeAlarm: bffRoute('POST', '/api/alarms/:id/acknowledge'),
  clearAlarm: bffRoute('POST', '/api/alarms/:id/clear'),
  sendWarning: bffRoute('POST', '/api/alarms/:id/warning'),
  devices: bffRoute('GET', '/api/devices'),
  deviceReadings: bffRoute('GET', '/api/devices/:id/readings'),
  registerDevice: bffRoute('POST', '/api/devices'),
  updateDevice: bffRoute('PATCH', '/api/devices/:id'),
  rotateDeviceSecret: bffRoute('POST', '/api/devices/:id/rotate-secret'),
  households: bffRoute('GET', '/api/households'),
  createHousehold: bffRoute('POST', '/api/households'),
  updateHousehold: bffRoute('PATCH', '/api/households/:id'),
  inviteOwner: bffRoute('POST', '/api/households/:id/invitations'),
  removeOwner: bffRoute('DELETE', '/api/households/:id/owners/:userId'),
  escortServices: bffRoute('GET', '/api/escort-services'),
  elders: bffRoute('GET', '/api/elders'),
  elder: bffRoute('GET', '/api/elders/:id'),
  createElder: bffRoute('POST', '/api/elders'),
  escorts: bffRoute('GET', '/api/escorts'),
  escort: bffRoute('GET', '/api/escorts/:id'),
  createEscort: bffRoute('POST', '/api/escorts'),
  cancelEscort: bffRoute('POST', '/api/escorts/:id/cancel'),
  reassignEscort: bffRoute('POST', '/api/escorts/:id/reassign'),
  escortStatistics: bffRoute('GET', '/api/escorts/statistics'),
  volunteers: bffRoute('GET', '/api/volunteers'),
  verifyVolunteer: bffRoute('POST', '/api/volunteers/:id/verify'),
  volunteerHours: bffRoute('GET', '/api/volunteers/:id/hours'),
  reviewHours: bffRoute('POST', '/api/volunteers/:id/hours/:escortId/review'),
  notificationRecords: bffRoute('GET', '/api/notification-records'),
  changePassword: bffRoute('POST', '/api/auth/password'),
  users: bffRoute('GET', '/api/users'),
  createUser: bffRoute('POST', '/api/users'),
  updateUser: bffRoute('PATCH', '/api/users/:id'),
  resetPassword: bffRoute('POST', '/api/users/:id/password-reset'),
  audit: bffRoute('GET', '/api/audit'),
} as const;

/** The BFF's HTTP endpoints the admin panel uses, typed by the shared contracts. */
export function createEndpoints(client: ApiClient, upload?: Uploader) {
  const get = <T>({ method, url }: RouteTarget, schema: z.ZodType<T>, signal?: AbortSignal) =>
    client.request(url, { method, schema, signal });
  // Actions always send a JSON body, `{}` when they take nothing.
  const send = <T>({ method, url }: RouteTarget, schema: z.ZodType<T>, body: unknown = {}) =>
    client.request(url, { method, body, schema });

  return {
    login: (body: PasswordLoginRequest): Promise<AuthResponse> =>
      send(routes.login.at(), authResponseSchema, body),

    changePassword: (body: ChangePasswordRequest): Promise<AuthResponse> =>
      send(routes.changePassword.at(), authResponseSchema, body),

    users: (filters: StaffFilters, signal?: AbortSignal): Promise<UserList> =>
      get(withQuery(routes.users.at(), staffListQuery(filters)), userListSchema, signal),

    createUser: (body: CreateStaffAccountRequest): Promise<User> =>
      send(routes.createUser.at(), userSchema, body),

    updateUser: (id: string, body: UpdateUserRequest): Promise<User> =>
      send(routes.updateUser.at({ id }), userSchema, body),

    resetPassword: (id: string): Promise<PasswordResetResponse> =>
      send(routes.resetPassword.at({ id }), passwordResetResponseSchema),

    me: async (signal?: AbortSignal): Promise<User> =>
      (await get(routes.me.at(), meResponseSchema, signal)).user,

    // 503 carries the same shape with `status: "unavailable"`: it is an answer, not a failure.
    readiness: (signal?: AbortSignal): Promise<Readiness> =>
      client.request(routes.readiness.at().url, { schema: readinessSchema, acceptStatuses: [503], signal }),

    categories: (signal?: AbortSignal): Promise<CategoryList> =>
      get(routes.categories.at(), categoryListSchema, signal),

    /** Every category, disabled ones too (administrators). */
    allCategories: (signal?: AbortSignal): Promise<CategoryList> =>
      get(routes.allCategories.at(), categoryListSchema, signal),

    updateCategory: (code: string, body: UpdateCategoryRequest): Promise<Category> =>
      send(routes.updateCategory.at({ code }), categorySchema, body),

    categoryRevisions: (code: string, signal?: AbortSignal): Promise<CategoryRevisionList> =>
      get(routes.categoryRevisions.at({ code }), categoryRevisionListSchema, signal),

    streets: (signal?: AbortSignal): Promise<StreetList> =>
      get(routes.streets.at(), streetListSchema, signal),

    district: (signal?: AbortSignal): Promise<DistrictMap> =>
      get(routes.district.at(), districtMapSchema, signal),

    /** 辖区网格: checks a street's grids file and shows what publishing it would change. */
    previewGrids: (streetId: string, body: GridUploadRequest): Promise<GridPreview> =>
      send(routes.previewGrids.at({ streetId }), gridPreviewSchema, body),

    publishGrids: (streetId: string, body: GridPublishRequest): Promise<GridVersionSummary> =>
      send(routes.publishGrids.at({ streetId }), gridVersionSummarySchema, body),

    gridVersions: (streetId: string, signal?: AbortSignal): Promise<GridVersionList> =>
      get(routes.gridVersions.at({ streetId }), gridVersionListSchema, signal),

    mapConfig: (signal?: AbortSignal): Promise<MapConfig> =>
      get(routes.mapConfig.at(), mapConfigSchema, signal),

    tickets: (filters: TicketFilters, signal?: AbortSignal): Promise<TicketList> => {
      const query = new URLSearchParams({ limit: String(TICKET_PAGE_SIZE) });
      if (filters.status) query.set('status', filters.status);
      if (filters.category) query.set('category', filters.category);
      if (filters.street) query.set('street', filters.street);
      return get(withQuery(routes.tickets.at(), query), ticketListSchema, signal);
    },

    ticket: (id: string, signal?: AbortSignal): Promise<Ticket> =>
      get(routes.ticket.at({ id }), ticketSchema, signal),

    assign: (id: string, body: { officerId: string; reason?: string }): Promise<Ticket> =>
      send(routes.assign.at({ id }), ticketSchema, body),

    transfer: (id: string, body: TransferRequest): Promise<Ticket> =>
      send(routes.transfer.at({ id }), ticketSchema, body),

    closeTicket: (id: string, body: CloseTicketRequest): Promise<Ticket> =>
      send(routes.closeTicket.at({ id }), ticketSchema, body),

    accept: (id: string): Promise<Ticket> => send(routes.accept.at({ id }), ticketSchema),

    reject: (id: string, reason: string): Promise<Ticket> =>
      send(routes.reject.at({ id }), ticketSchema, { reason }),

    checkIn: (id: string, point: CheckInRequest): Promise<Ticket> =>
      send(routes.checkIn.at({ id }), ticketSchema, point),

    resolve: (
      id: string,
      note: string,
      photos: readonly File[],
      onProgress?: (fraction: number) => void,
    ): Promise<Ticket> => {
      if (!upload) throw new Error('createEndpoints: no uploader configured');
      const form = new FormData();
      form.append('note', note);
      for (const photo of photos) form.append('photos', photo, photo.name);
      return upload(routes.resolve.at({ id }).url, form, { schema: ticketSchema, onProgress });
    },

    officers: (signal?: AbortSignal): Promise<OfficerList> =>
      get(routes.officers.at(), officerListSchema, signal),

    squadRoster: (squadId: string, from: string, days: number, signal?: AbortSignal): Promise<SquadRoster> =>
      get(
        withQuery(routes.squadRoster.at({ squadId }), new URLSearchParams({ from, days: String(days) })),
        squadRosterSchema,
        signal,
      ),

    saveSchedule: (squadId: string, body: SquadScheduleRequest): Promise<SquadSchedule> =>
      send(routes.saveSchedule.at({ squadId }), squadScheduleSchema, body),

    setRosterEntry: (
      squadId: string,
      date: string,
      shiftId: string,
      officerIds: string[],
    ): Promise<RosterEntry> =>
      send(routes.setRosterEntry.at({ squadId, date, shiftId }), rosterEntrySchema, { officerIds }),

    officerStatus: (signal?: AbortSignal): Promise<OfficerStatus> =>
      get(routes.officerStatus.at(), officerStatusSchema, signal),

    setDuty: (body: DutyRequest): Promise<OfficerStatus> =>
      send(routes.setDuty.at(), officerStatusSchema, body),

    sendLocation: (body: LocationRequest): Promise<OfficerStatus> =>
      send(routes.sendLocation.at(), officerStatusSchema, body),

    alarms: (filters: AlarmFilters, signal?: AbortSignal): Promise<AlarmList> =>
      get(withQuery(routes.alarms.at(), alarmQuery(filters, ALARM_PAGE_SIZE)), alarmListSchema, signal),

    alarm: (id: string, signal?: AbortSignal): Promise<Alarm> =>
      get(routes.alarm.at({ id }), alarmSchema, signal),

    acknowledgeAlarm: (id: string, note?: string): Promise<Alarm> =>
      send(routes.acknowledgeAlarm.at({ id }), alarmSchema, note ? { note } : {}),

    clearAlarm: (id: string, note?: string): Promise<Alarm> =>
      send(routes.clearAlarm.at({ id }), alarmSchema, note ? { note } : {}),

    sendWarning: (id: string, text?: string): Promise<Alarm> =>
      send(routes.sendWarning.at({ id }), alarmSchema, text ? { text } : {}),

    devices: (filters: DeviceFilters, signal?: AbortSignal): Promise<DeviceList> => {
      const query = new URLSearchParams({ limit: String(DEVICE_PAGE_SIZE) });
      if (filters.type) query.set('type', filters.type);
      if (filters.street) query.set('street', filters.street);
      if (filters.online) query.set('online', filters.online);
      return get(withQuery(routes.devices.at(), query), deviceListSchema, signal);
    },

    deviceReadings: (id: string, minutes: number, signal?: AbortSignal): Promise<DeviceReadings> =>
      get(withQuery(routes.deviceReadings.at({ id }), `minutes=${minutes}`), deviceReadingsSchema, signal),

    registerDevice: (body: RegisterDeviceRequest): Promise<DeviceCredentials> =>
      send(routes.registerDevice.at(), deviceCredentialsSchema, body),

    updateDevice: (id: string, body: UpdateDeviceRequest): Promise<Device> =>
      send(routes.updateDevice.at({ id }), deviceSchema, body),

    /** Households the caller may see (their street's, or all), optionally searched by address. */
    households: (search: string, signal?: AbortSignal): Promise<HouseholdList> =>
      get(
        withQuery(routes.households.at(), search ? new URLSearchParams({ q: search }) : ''),
        householdListSchema,
        signal,
      ),
    createHousehold: (body: CreateHouseholdRequest): Promise<Household> =>
      send(routes.createHousehold.at(), householdSchema, body),
    updateHousehold: (id: string, body: UpdateHouseholdRequest): Promise<Household> =>
      send(routes.updateHousehold.at({ id }), householdSchema, body),
    inviteOwner: (id: string, phone: string): Promise<OwnerInvitation> =>
      send(routes.inviteOwner.at({ id }), ownerInvitationSchema, { phone }),
    removeOwner: (id: string, userId: string): Promise<void> =>
      send(routes.removeOwner.at({ id, userId }), z.undefined()),

    rotateDeviceSecret: (id: string): Promise<DeviceCredentials> =>
      send(routes.rotateDeviceSecret.at({ id }), deviceCredentialsSchema),

    escortServices: async (signal?: AbortSignal) =>
      (await get(routes.escortServices.at(), escortServiceListSchema, signal)).items,

    elders: (signal?: AbortSignal): Promise<ElderList> => get(routes.elders.at(), elderListSchema, signal),

    elder: (id: string, signal?: AbortSignal): Promise<Elder> =>
      get(routes.elder.at({ id }), elderSchema, signal),

    createElder: (body: CreateElderRequest): Promise<Elder> =>
      send(routes.createElder.at(), elderSchema, body),

    escorts: (filters: EscortFilters, signal?: AbortSignal): Promise<EscortList> => {
      const query = new URLSearchParams();
      if (filters.status?.length) query.set('status', filters.status.join(','));
      if (filters.elderId) query.set('elderId', filters.elderId);
      query.set('limit', String(ESCORT_PAGE_SIZE));
      return get(withQuery(routes.escorts.at(), query), escortListSchema, signal);
    },

    escort: (id: string, signal?: AbortSignal): Promise<Escort> =>
      get(routes.escort.at({ id }), escortSchema, signal),

    createEscort: (body: CreateEscortRequest): Promise<Escort> =>
      send(routes.createEscort.at(), escortSchema, body),

    cancelEscort: (id: string, reason: string): Promise<Escort> =>
      send(routes.cancelEscort.at({ id }), escortSchema, { reason }),

    reassignEscort: (id: string, body: { reason: string; volunteerId?: string }): Promise<Escort> =>
      send(routes.reassignEscort.at({ id }), escortSchema, body),

    escortStatistics: (signal?: AbortSignal): Promise<EscortStatistics> =>
      get(routes.escortStatistics.at(), escortStatisticsSchema, signal),

    volunteers: async (verified: boolean, signal?: AbortSignal): Promise<Volunteer[]> =>
      (await get(withQuery(routes.volunteers.at(), `verified=${verified}`), volunteerListSchema, signal))
        .items,

    verifyVolunteer: (id: string): Promise<Volunteer> =>
      send(routes.verifyVolunteer.at({ id }), volunteerSchema),

    volunteerHours: (id: string, signal?: AbortSignal): Promise<VolunteerHours> =>
      get(routes.volunteerHours.at({ id }), volunteerHoursSchema, signal),

    reviewHours: (id: string, escortId: string): Promise<VolunteerHours> =>
      send(routes.reviewHours.at({ id, escortId }), volunteerHoursSchema),

    notificationRecords: (
      status: NotificationRecordStatus | undefined,
      signal?: AbortSignal,
    ): Promise<NotificationRecordList> => {
      const query = new URLSearchParams({ limit: String(NOTIFICATION_RECORD_PAGE_SIZE) });
      if (status) query.set('status', status);
      return get(withQuery(routes.notificationRecords.at(), query), notificationRecordListSchema, signal);
    },

    /** A page of the audit log; the query from `auditSearchParams`. */
    auditLog: (query: URLSearchParams, signal?: AbortSignal): Promise<AuditEntryList> =>
      get(withQuery(routes.audit.at(), query), auditEntryListSchema, signal),

    officerTickets: async (signal?: AbortSignal): Promise<Ticket[]> =>
      (await get(routes.officerTickets.at(), assignmentsSchema, signal)).items,
  };
}

export type Endpoints = ReturnType<typeof createEndpoints>;
