import type { Escort } from '@jiefang/contracts';

/** An escort as the BFF sends it (for unit tests only; nothing in the app imports this). */
export function escortFixture(id: string, overrides: Partial<Escort> = {}): Escort {
  return {
    id,
    elderId: 'elder-1',
    elderName: '陈伯',
    elderNeeds: [],
    serviceType: 'hospital_escort',
    serviceName: '陪诊',
    inPerson: true,
    status: 'open',
    windowStart: '2026-11-24T09:00:00+08:00',
    windowEnd: '2026-11-24T11:00:00+08:00',
    urgent: false,
    streetId: 'chigang',
    elderAddress: null,
    elderPhone: '138****1234',
    area: '赤岗街道',
    distanceM: null,
    distanceBand: { minKm: 0, maxKm: 1, label: '约 1 公里内' },
    pickupAddress: null,
    destination: null,
    hospital: '广州市第一人民医院',
    department: null,
    notes: null,
    volunteer: null,
    checkedInAt: null,
    completedAt: null,
    completionNotes: null,
    rating: null,
    sos: [],
    timeline: [],
    createdAt: '2026-11-20T08:00:00+08:00',
    ...overrides,
  };
}
