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
import { contractRoute, type RouteTarget } from './contractRoute';

const routes = {
  services: contractRoute('GET', '/api/escort-services'),
  elders: contractRoute('GET', '/api/elders'),
  addElder: contractRoute('POST', '/api/elders'),
  book: contractRoute('POST', '/api/escorts'),
  list: contractRoute('GET', '/api/escorts'),
  get: contractRoute('GET', '/api/escorts/:id'),
  cancel: contractRoute('POST', '/api/escorts/:id/cancel'),
  rate: contractRoute('POST', '/api/escorts/:id/rate'),
  sos: contractRoute('POST', '/api/escorts/:id/sos'),
  volunteerMe: contractRoute('GET', '/api/volunteers/me'),
  register: contractRoute('POST', '/api/volunteers/me'),
  open: contractRoute('GET', '/api/escorts/open'),
  accept: contractRoute('POST', '/api/escorts/:id/accept'),
  withdraw: contractRoute('POST', '/api/escorts/:id/withdraw'),
  checkIn: contractRoute('POST', '/api/escorts/:id/check-in'),
  complete: contractRoute('POST', '/api/escorts/:id/complete'),
  hours: contractRoute('GET', '/api/volunteers/:id/hours'),
};

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

/** The call of GET /api/escorts?mine=1, optionally narrowed to some statuses, paged. */
export function myEscortsTarget({ statuses = [], offset = 0, limit = 50 }: MineOptions = {}): RouteTarget {
  const status = [...new Set(statuses)];
  return routes.list.to({}, { mine: 1, status: status.length > 0 ? status : undefined, limit, offset });
}

/** Optional text is sent only when it says something (the contracts trim, but `''` is no answer). */
function trimmed(value: string | undefined): string | undefined {
  const text = value?.trim();
  return text ? text : undefined;
}

export function createEscortsApi(client: ApiClient): EscortsApi {
  return {
    services: async () => (await client.send(routes.services.to(), escortServiceListSchema)).items,
    elders: async () => (await client.send(routes.elders.to(), elderListSchema)).items,
    addElder: (request) => client.send(routes.addElder.to(), elderSchema, request),

    book: (request) => client.send(routes.book.to(), escortSchema, request),
    mine: (options) => client.send(myEscortsTarget(options), escortListSchema),
    get: (id) => client.send(routes.get.to({ id }), escortSchema),
    cancel: (id, reason) => client.send(routes.cancel.to({ id }), escortSchema, { reason: reason.trim() }),
    rate: (id, { score, comment }) =>
      client.send(routes.rate.to({ id }), escortSchema, { score, comment: comment.trim() }),
    sos: (id, { lat, lng, note }) => {
      const body: EscortSosRequest = {};
      if (lat !== undefined && lng !== undefined && Number.isFinite(lat) && Number.isFinite(lng)) {
        body.lat = lat;
        body.lng = lng;
      }
      const text = trimmed(note);
      if (text) body.note = text;
      return client.send(routes.sos.to({ id }), escortSchema, body);
    },

    async volunteerMe() {
      try {
        return await client.send(routes.volunteerMe.to(), volunteerSchema);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    register: (request) => client.send(routes.register.to(), volunteerSchema, request),
    open: () => client.send(routes.open.to(), escortListSchema),
    accept: (id) => client.send(routes.accept.to({ id }), escortSchema),
    withdraw: (id, reason) =>
      client.send(routes.withdraw.to({ id }), escortSchema, { reason: reason.trim() }),
    checkIn: (id, { lat, lng }) => client.send(routes.checkIn.to({ id }), escortSchema, { lat, lng }),
    complete: (id, notes) => client.send(routes.complete.to({ id }), escortSchema, { notes: notes.trim() }),
    hours: (volunteerId) => client.send(routes.hours.to({ id: volunteerId }), volunteerHoursSchema),
  };
}
