import {
  officerListSchema,
  officerStatusSchema,
  ticketListSchema,
  ticketSchema,
  type DutyRequest,
  type LocationRequest,
  type OfficerStatus,
  type OfficerSummary,
  type Ticket,
  type Wgs84Point,
} from '@jiefang/contracts';
import type { ApiClient } from './client';
import { contractRoute } from './contractRoute';

const routes = {
  status: contractRoute('GET', '/api/officer/status'),
  duty: contractRoute('POST', '/api/officer/duty'),
  location: contractRoute('POST', '/api/officer/location'),
  mine: contractRoute('GET', '/api/officer/tickets'),
  get: contractRoute('GET', '/api/tickets/:id'),
  accept: contractRoute('POST', '/api/tickets/:id/accept'),
  reject: contractRoute('POST', '/api/tickets/:id/reject'),
  checkIn: contractRoute('POST', '/api/tickets/:id/check-in'),
  resolve: contractRoute('POST', '/api/tickets/:id/resolve'),
  officers: contractRoute('GET', '/api/officers'),
  squadTickets: contractRoute('GET', '/api/tickets'),
  assign: contractRoute('POST', '/api/tickets/:id/assign'),
};

/** The enforcement endpoints an officer and a squad leader use on their phones. */
export interface OfficerApi {
  status(): Promise<OfficerStatus>;
  setDuty(request: DutyRequest): Promise<OfficerStatus>;
  /** 422 when not on duty (the BFF keeps no position off duty). */
  shareLocation(location: LocationRequest): Promise<OfficerStatus>;
  /** `held`: the tickets the officer works on now; `today`: those they resolved today. */
  tickets(scope: 'held' | 'today'): Promise<Ticket[]>;
  get(id: string): Promise<Ticket>;
  accept(id: string): Promise<Ticket>;
  reject(id: string, reason: string): Promise<Ticket>;
  /** 422 (with the distance) when farther than the check-in radius. */
  checkIn(id: string, point: Wgs84Point): Promise<Ticket>;
  /** JSON naming after-photos uploaded first with POST /api/photos. */
  resolve(id: string, note: string, photoIds: readonly string[]): Promise<Ticket>;
  /** The squad leader's own squad's officers with duty, position and load. */
  squadOfficers(): Promise<OfficerSummary[]>;
  /** The squad's tickets, newest first (the BFF scopes a leader to their squad). */
  squadTickets(): Promise<Ticket[]>;
  assign(id: string, officerId: string, reason: string): Promise<Ticket>;
}

export function createOfficerApi(client: ApiClient): OfficerApi {
  return {
    status: () => client.send(routes.status.to(), officerStatusSchema),
    setDuty: (request) => client.send(routes.duty.to(), officerStatusSchema, request),
    shareLocation: (location) => client.send(routes.location.to(), officerStatusSchema, location),
    tickets: async (scope) => (await client.send(routes.mine.to({}, { scope }), ticketListSchema)).items,
    get: (id) => client.send(routes.get.to({ id }), ticketSchema),
    accept: (id) => client.send(routes.accept.to({ id }), ticketSchema),
    reject: (id, reason) => client.send(routes.reject.to({ id }), ticketSchema, { reason: reason.trim() }),
    checkIn: (id, { lat, lng }) => client.send(routes.checkIn.to({ id }), ticketSchema, { lat, lng }),
    resolve: (id, note, photoIds) =>
      client.send(routes.resolve.to({ id }), ticketSchema, { note: note.trim(), photoIds }),
    squadOfficers: async () => (await client.send(routes.officers.to(), officerListSchema)).items,
    squadTickets: async () =>
      (await client.send(routes.squadTickets.to({}, { limit: 200 }), ticketListSchema)).items,
    assign: (id, officerId, reason) =>
      client.send(routes.assign.to({ id }), ticketSchema, { officerId, reason: reason.trim() }),
  };
}
