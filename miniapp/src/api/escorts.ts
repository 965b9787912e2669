import {
  elderListSchema,
  elderSchema,
  escortListSchema,
  escortSchema,
  escortServiceListSchema,
  volunteerHoursSchema,
  volunteerSchema,
  type CreateElderRequest,
  type CreateEscortRequest,
  type Elder,
  type Escort,
  type EscortList,
  type EscortService,
  type EscortStatus,
  type RegisterVolunteerRequest,
  type Volunteer,
  type VolunteerHours,
} from '@jiefang/contracts';
import { ApiError, type ApiClient } from './client';

export interface EscortSosRequest {
  lat?: number;
  lng?: number;
  note?: string;
}

/** The 陪依(医)计划 endpoints, every answer parsed with the shared contracts. */
export interface EscortsApi {
  /** GET /api/escort-services: what can be booked (陪诊, 代取药, 电话陪聊, 上门探访). */
  services(): Promise<EscortService[]>;
  /** GET /api/elders: for a family member, the elders they are linked to. */
  elders(): Promise<Elder[]>;
  /** POST /api/elders: a family member adds their elder (and becomes linked). */
  addElder(request: CreateElderRequest): Promise<Elder>;

  /** POST /api/escorts: a booking for an elder (400 with field errors for a bad window). */
  book(request: CreateEscortRequest): Promise<Escort>;
  /** GET /api/escorts?mine=1: the family's elders' requests, or a volunteer's own escorts. */
  mine(options?: MineOptions): Promise<EscortList>;
  get(id: string): Promise<Escort>;
  cancel(id: string, reason: string): Promise<Escort>;
  rate(id: string, rating: { score: number; comment: string }): Promise<Escort>;
  sos(id: string, request: EscortSosRequest): Promise<Escort>;

  /** GET /api/volunteers/me; null when the caller has not registered yet (404). */
  volunteerMe(): Promise<Volunteer | null>;
  register(request: RegisterVolunteerRequest): Promise<Volunteer>;
  /** GET /api/escorts/open: requests matching the volunteer, best first (address hidden). */
  open(): Promise<EscortList>;
  /** 409 when another volunteer was first or it overlaps one of the volunteer's own escorts. */
  accept(id: string): Promise<Escort>;
  withdraw(id: string, reason: string): Promise<Escort>;
  /** 422 (with the distance) when too far from the pickup. */
  checkIn(id: string, point: { lat: number; lng: number }): Promise<Escort>;
  complete(id: string, notes: string): Promise<Escort>;
  hours(volunteerId: string): Promise<VolunteerHours>;
}

export interface MineOptions {
  statuses?: readonly EscortStatus[];
  offset?: number;
  limit?: number;
}

/** The path of GET /api/escorts?mine=1, optionally narrowed to some statuses, paged. */
export function myEscortsPath({ statuses = [], offset = 0, limit = 50 }: MineOptions = {}): string {
  const status = [...new Set(statuses)].join(',');
  return `/api/escorts?mine=1${status ? `&status=${status}` : ''}&limit=${limit}&offset=${offset}`;
}

/** Optional text is sent only when it says something (the contracts trim, but `''` is no answer). */
function trimmed(value: string | undefined): string | undefined {
  const text = value?.trim();
  return text ? text : undefined;
}

export function createEscortsApi(client: ApiClient): EscortsApi {
  const escort = (id: string, action?: string) =>
    `/api/escorts/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;
  return {
    services: async () => (await client.get('/api/escort-services', escortServiceListSchema)).items,
    elders: async () => (await client.get('/api/elders', elderListSchema)).items,
    addElder: (request) => client.post('/api/elders', request, elderSchema),

    book: (request) => client.post('/api/escorts', request, escortSchema),
    mine: (options) => client.get(myEscortsPath(options), escortListSchema),
    get: (id) => client.get(escort(id), escortSchema),
    cancel: (id, reason) => client.post(escort(id, 'cancel'), { reason: reason.trim() }, escortSchema),
    rate: (id, { score, comment }) =>
      client.post(escort(id, 'rate'), { score, comment: comment.trim() }, escortSchema),
    sos: (id, { lat, lng, note }) => {
      const body: EscortSosRequest = {};
      if (lat !== undefined && lng !== undefined && Number.isFinite(lat) && Number.isFinite(lng)) {
        body.lat = lat;
        body.lng = lng;
      }
      const text = trimmed(note);
      if (text) body.note = text;
      return client.post(escort(id, 'sos'), body, escortSchema);
    },

    async volunteerMe() {
      try {
        return await client.get('/api/volunteers/me', volunteerSchema);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    register: (request) => client.post('/api/volunteers/me', request, volunteerSchema),
    open: () => client.get('/api/escorts/open', escortListSchema),
    accept: (id) => client.post(escort(id, 'accept'), {}, escortSchema),
    withdraw: (id, reason) => client.post(escort(id, 'withdraw'), { reason: reason.trim() }, escortSchema),
    checkIn: (id, { lat, lng }) => client.post(escort(id, 'check-in'), { lat, lng }, escortSchema),
    complete: (id, notes) => client.post(escort(id, 'complete'), { notes: notes.trim() }, escortSchema),
    hours: (volunteerId) =>
      client.get(`/api/volunteers/${encodeURIComponent(volunteerId)}/hours`, volunteerHoursSchema),
  };
}
