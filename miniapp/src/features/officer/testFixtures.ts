import type { OfficerSummary, Ticket } from '@jiefang/contracts';

/** 2026-12-02 10:00 Beijing time. */
export const tenAm = Date.parse('2026-12-02T10:00:00+08:00');
export const minutes = (n: number) => n * 60_000;
export const iso = (ms: number) => new Date(ms).toISOString();

export function ticketFixture(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: 't1',
    category: 'street_vending',
    categoryName: '占道经营',
    priority: 'normal',
    department: 'urban_management',
    status: 'assigned',
    version: 1,
    location: { lat: 23.1066, lng: 113.3245 },
    address: '赤岗路 1 号',
    description: '占道摆卖',
    reporterCount: 1,
    streetId: 'chigang',
    streetName: '赤岗街道',
    squadId: 'squad-chigang',
    assigneeId: 'o1',
    slaBreached: false,
    deadlines: {
      acceptBy: iso(tenAm + minutes(3)),
      warnAt: iso(tenAm + minutes(10)),
      breachAt: iso(tenAm + minutes(15)),
    },
    reportedAt: iso(tenAm),
    updatedAt: iso(tenAm),
    photos: [],
    resolution: null,
    rating: null,
    closure: null,
    timeline: [],
    deviceEvidence: [],
    submissions: [],
    ...overrides,
  };
}

export function officerFixture(overrides: Partial<OfficerSummary> = {}): OfficerSummary {
  return {
    id: 'o1',
    name: '张队员',
    squadId: 'squad-chigang',
    streetId: 'chigang',
    activeTickets: 0,
    onShift: null,
    onDuty: true,
    travelMode: 'ebike',
    capacity: 3,
    location: null,
    ...overrides,
  };
}
