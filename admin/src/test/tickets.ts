import { ticketSchema, type Ticket } from '@jiefang/contracts';

const base: Ticket = {
  id: 'T-1',
  category: 'street_vending',
  categoryName: '占道经营',
  priority: 'normal',
  department: 'urban_management',
  status: 'assigned',
  version: 1,
  location: { lat: 23.1066, lng: 113.3245 },
  address: '广州塔南广场',
  description: '占道经营',
  reporterCount: 1,
  streetId: 'chigang',
  streetName: '赤岗街道',
  squadId: 'squad-chigang',
  assigneeId: 'officer-1',
  slaBreached: false,
  deadlines: {
    acceptBy: '2030-01-01T08:03:00.000Z',
    warnAt: '2030-01-01T08:10:00.000Z',
    breachAt: '2030-01-01T08:15:00.000Z',
  },
  reportedAt: '2030-01-01T08:00:00.000Z',
  updatedAt: '2030-01-01T08:00:00.000Z',
  photos: [],
  resolution: null,
  rating: null,
  closure: null,
  timeline: [],
  deviceEvidence: [],
  submissions: [],
};

/** A valid ticket for tests; the contract checks the result so fixtures cannot drift from it. */
export function makeTicket(overrides: Partial<Ticket> = {}): Ticket {
  return ticketSchema.parse({ ...base, ...overrides });
}

export const REPORTED_AT = Date.parse(base.reportedAt);
