import {
  alarmListSchema,
  alarmSchema,
  authResponseSchema,
  categoryListSchema,
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
  districtMapSchema,
  meResponseSchema,
  officerListSchema,
  officerStatusSchema,
  readinessSchema,
  streetListSchema,
  ticketListSchema,
  ticketSchema,
  volunteerHoursSchema,
  volunteerListSchema,
  volunteerSchema,
  type Alarm,
  type AlarmList,
  type AuthResponse,
  type CategoryList,
  type CheckInRequest,
  type CreateElderRequest,
  type CreateEscortRequest,
  type Device,
  type DeviceCredentials,
  type DeviceList,
  type DeviceReadings,
  type DistrictMap,
  type DutyRequest,
  type Elder,
  type Escort,
  type EscortList,
  type EscortStatistics,
  type LocationRequest,
  type OfficerList,
  type OfficerStatus,
  type PasswordLoginRequest,
  type RegisterDeviceRequest,
  type Readiness,
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
import { type ApiClient } from './client';
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

const assignmentsSchema = z.object({ items: z.array(ticketSchema) });

const encode = encodeURIComponent;

/** The BFF's HTTP endpoints the admin panel uses, typed by the shared contracts. */
export function createEndpoints(client: ApiClient, upload?: Uploader) {
  const post = <T>(path: string, schema: z.ZodType<T>, body: unknown = {}) =>
    client.request(path, { method: 'POST', body, schema });

  return {
    login: (body: PasswordLoginRequest): Promise<AuthResponse> =>
      client.request('/api/auth/login', { method: 'POST', body, schema: authResponseSchema }),

    me: async (signal?: AbortSignal): Promise<User> =>
      (await client.request('/api/me', { schema: meResponseSchema, signal })).user,

    // 503 carries the same shape with `status: "unavailable"`: it is an answer, not a failure.
    readiness: (signal?: AbortSignal): Promise<Readiness> =>
      client.request('/readyz', { schema: readinessSchema, acceptStatuses: [503], signal }),

    categories: (signal?: AbortSignal): Promise<CategoryList> =>
      client.request('/api/categories', { schema: categoryListSchema, signal }),

    streets: (signal?: AbortSignal): Promise<StreetList> =>
      client.request('/api/streets', { schema: streetListSchema, signal }),

    district: (signal?: AbortSignal): Promise<DistrictMap> =>
      client.request('/api/district', { schema: districtMapSchema, signal }),

    tickets: (filters: TicketFilters, signal?: AbortSignal): Promise<TicketList> => {
      const query = new URLSearchParams({ limit: String(TICKET_PAGE_SIZE) });
      if (filters.status) query.set('status', filters.status);
      if (filters.category) query.set('category', filters.category);
      if (filters.street) query.set('street', filters.street);
      return client.request(`/api/tickets?${query.toString()}`, { schema: ticketListSchema, signal });
    },

    ticket: (id: string, signal?: AbortSignal): Promise<Ticket> =>
      client.request(`/api/tickets/${encode(id)}`, { schema: ticketSchema, signal }),

    assign: (id: string, body: { officerId: string; reason?: string }): Promise<Ticket> =>
      post(`/api/tickets/${encode(id)}/assign`, ticketSchema, body),

    transfer: (id: string, body: TransferRequest): Promise<Ticket> =>
      post(`/api/tickets/${encode(id)}/transfer`, ticketSchema, body),

    accept: (id: string): Promise<Ticket> => post(`/api/tickets/${encode(id)}/accept`, ticketSchema),

    reject: (id: string, reason: string): Promise<Ticket> =>
      post(`/api/tickets/${encode(id)}/reject`, ticketSchema, { reason }),

    checkIn: (id: string, point: CheckInRequest): Promise<Ticket> =>
      post(`/api/tickets/${encode(id)}/check-in`, ticketSchema, point),

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
      return upload(`/api/tickets/${encode(id)}/resolve`, form, { schema: ticketSchema, onProgress });
    },

    officers: (signal?: AbortSignal): Promise<OfficerList> =>
      client.request('/api/officers', { schema: officerListSchema, signal }),

    officerStatus: (signal?: AbortSignal): Promise<OfficerStatus> =>
      client.request('/api/officer/status', { schema: officerStatusSchema, signal }),

    setDuty: (body: DutyRequest): Promise<OfficerStatus> =>
      post('/api/officer/duty', officerStatusSchema, body),

    sendLocation: (body: LocationRequest): Promise<OfficerStatus> =>
      post('/api/officer/location', officerStatusSchema, body),

    alarms: (filters: AlarmFilters, signal?: AbortSignal): Promise<AlarmList> =>
      client.request(`/api/alarms?${alarmQuery(filters, ALARM_PAGE_SIZE)}`, {
        schema: alarmListSchema,
        signal,
      }),

    alarm: (id: string, signal?: AbortSignal): Promise<Alarm> =>
      client.request(`/api/alarms/${encode(id)}`, { schema: alarmSchema, signal }),

    acknowledgeAlarm: (id: string, note?: string): Promise<Alarm> =>
      post(`/api/alarms/${encode(id)}/acknowledge`, alarmSchema, note ? { note } : {}),

    clearAlarm: (id: string, note?: string): Promise<Alarm> =>
      post(`/api/alarms/${encode(id)}/clear`, alarmSchema, note ? { note } : {}),

    sendWarning: (id: string, text?: string): Promise<Alarm> =>
      post(`/api/alarms/${encode(id)}/warning`, alarmSchema, text ? { text } : {}),

    devices: (filters: DeviceFilters, signal?: AbortSignal): Promise<DeviceList> => {
      const query = new URLSearchParams({ limit: String(DEVICE_PAGE_SIZE) });
      if (filters.type) query.set('type', filters.type);
      if (filters.street) query.set('street', filters.street);
      if (filters.online) query.set('online', filters.online);
      return client.request(`/api/devices?${query.toString()}`, { schema: deviceListSchema, signal });
    },

    deviceReadings: (id: string, minutes: number, signal?: AbortSignal): Promise<DeviceReadings> =>
      client.request(`/api/devices/${encode(id)}/readings?minutes=${minutes}`, {
        schema: deviceReadingsSchema,
        signal,
      }),

    registerDevice: (body: RegisterDeviceRequest): Promise<DeviceCredentials> =>
      post('/api/devices', deviceCredentialsSchema, body),

    updateDevice: (id: string, body: UpdateDeviceRequest): Promise<Device> =>
      client.request(`/api/devices/${encode(id)}`, { method: 'PATCH', body, schema: deviceSchema }),

    rotateDeviceSecret: (id: string): Promise<DeviceCredentials> =>
      post(`/api/devices/${encode(id)}/rotate-secret`, deviceCredentialsSchema),

    escortServices: async (signal?: AbortSignal) =>
      (await client.request('/api/escort-services', { schema: escortServiceListSchema, signal })).items,

    elders: (signal?: AbortSignal): Promise<ElderList> =>
      client.request('/api/elders', { schema: elderListSchema, signal }),

    elder: (id: string, signal?: AbortSignal): Promise<Elder> =>
      client.request(`/api/elders/${encode(id)}`, { schema: elderSchema, signal }),

    createElder: (body: CreateElderRequest): Promise<Elder> => post('/api/elders', elderSchema, body),

    escorts: (filters: EscortFilters, signal?: AbortSignal): Promise<EscortList> => {
      const query = new URLSearchParams();
      if (filters.status?.length) query.set('status', filters.status.join(','));
      if (filters.elderId) query.set('elderId', filters.elderId);
      query.set('limit', String(ESCORT_PAGE_SIZE));
      return client.request(`/api/escorts?${query.toString()}`, { schema: escortListSchema, signal });
    },

    escort: (id: string, signal?: AbortSignal): Promise<Escort> =>
      client.request(`/api/escorts/${encode(id)}`, { schema: escortSchema, signal }),

    createEscort: (body: CreateEscortRequest): Promise<Escort> => post('/api/escorts', escortSchema, body),

    cancelEscort: (id: string, reason: string): Promise<Escort> =>
      post(`/api/escorts/${encode(id)}/cancel`, escortSchema, { reason }),

    reassignEscort: (id: string, body: { reason: string; volunteerId?: string }): Promise<Escort> =>
      post(`/api/escorts/${encode(id)}/reassign`, escortSchema, body),

    escortStatistics: (signal?: AbortSignal): Promise<EscortStatistics> =>
      client.request('/api/escorts/statistics', { schema: escortStatisticsSchema, signal }),

    volunteers: async (verified: boolean, signal?: AbortSignal): Promise<Volunteer[]> =>
      (
        await client.request(`/api/volunteers?verified=${verified}`, {
          schema: volunteerListSchema,
          signal,
        })
      ).items,

    verifyVolunteer: (id: string): Promise<Volunteer> =>
      post(`/api/volunteers/${encode(id)}/verify`, volunteerSchema),

    volunteerHours: (id: string, signal?: AbortSignal): Promise<VolunteerHours> =>
      client.request(`/api/volunteers/${encode(id)}/hours`, { schema: volunteerHoursSchema, signal }),

    reviewHours: (id: string, escortId: string): Promise<VolunteerHours> =>
      post(`/api/volunteers/${encode(id)}/hours/${encode(escortId)}/review`, volunteerHoursSchema),

    officerTickets: async (signal?: AbortSignal): Promise<Ticket[]> =>
      (await client.request('/api/officer/tickets', { schema: assignmentsSchema, signal })).items,
  };
}

export type Endpoints = ReturnType<typeof createEndpoints>;
