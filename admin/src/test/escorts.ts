import {
  elderSchema,
  escortSchema,
  escortStatisticsSchema,
  volunteerHoursSchema,
  volunteerSchema,
  type Elder,
  type Escort,
  type EscortStatistics,
  type Volunteer,
  type VolunteerHours,
} from '@jiefang/contracts';

/** Fixtures for the 陪依(医)计划 pages; the contracts check each, so they cannot drift from them. */

const baseElder: Elder = {
  id: 'E-1',
  name: '陈婆婆',
  phone: '020-84001234',
  address: '江南中街 12 号 3 楼',
  streetId: 'jiangnanzhong',
  streetName: '江南中街道',
  needs: ['wheelchair', 'cantonese_only'],
  emergencyContacts: [{ name: '陈小明', phone: '13800000001', relation: '儿子' }],
  familyUserIds: [],
};

export function makeElder(overrides: Partial<Elder> = {}): Elder {
  return elderSchema.parse({ ...baseElder, ...overrides });
}

const baseEscort: Escort = {
  id: 'ES-1',
  elderId: 'E-1',
  elderName: '陈婆婆',
  elderNeeds: ['wheelchair'],
  serviceType: 'hospital_escort',
  serviceName: '陪诊',
  inPerson: true,
  status: 'open',
  windowStart: '2030-11-25T09:00:00+08:00',
  windowEnd: '2030-11-25T11:00:00+08:00',
  urgent: false,
  streetId: 'jiangnanzhong',
  elderAddress: '江南中街 12 号 3 楼',
  elderPhone: '020-84001234',
  area: '江南中街道',
  distanceM: null,
  distanceBand: null,
  pickupAddress: '江南中街 12 号 3 楼',
  destination: null,
  hospital: '孙逸仙纪念医院',
  department: '心内科',
  notes: null,
  volunteer: null,
  checkedInAt: null,
  completedAt: null,
  completionNotes: null,
  rating: null,
  sos: [],
  timeline: [
    {
      at: '2030-11-24T08:00:00+08:00',
      action: 'created',
      actor: { id: 'u-test', name: '测试用户', role: 'community_worker' },
      note: null,
    },
  ],
  createdAt: '2030-11-24T08:00:00+08:00',
};

export function makeEscort(overrides: Partial<Escort> = {}): Escort {
  return escortSchema.parse({ ...baseEscort, ...overrides });
}

const baseVolunteer: Volunteer = {
  id: 'V-1',
  realName: '李志愿',
  phone: '139****0002',
  skills: ['wheelchair', 'cantonese'],
  serviceArea: { streetId: 'jiangnanzhong', lat: 23.108, lng: 113.27, radiusKm: 3 },
  availability: [
    { weekday: 1, start: '09:00', end: '12:00' },
    { weekday: 3, start: '14:00', end: '17:00' },
  ],
  verified: false,
  verifiedAt: null,
};

export function makeVolunteer(overrides: Partial<Volunteer> = {}): Volunteer {
  return volunteerSchema.parse({ ...baseVolunteer, ...overrides });
}

export function makeHours(overrides: Partial<VolunteerHours> = {}): VolunteerHours {
  return volunteerHoursSchema.parse({
    volunteerId: 'V-2',
    totalMinutes: 270,
    reviewedMinutes: 120,
    turns: 2,
    entries: [
      {
        escortId: 'ES-10',
        serviceType: 'hospital_escort',
        checkedInAt: '2030-11-20T09:00:00+08:00',
        completedAt: '2030-11-20T11:00:00+08:00',
        minutes: 120,
        reviewed: true,
      },
      {
        escortId: 'ES-11',
        serviceType: 'medicine_pickup',
        checkedInAt: '2030-11-22T14:00:00+08:00',
        completedAt: '2030-11-22T16:30:00+08:00',
        minutes: 150,
        reviewed: false,
      },
    ],
    ...overrides,
  });
}

export function makeStatistics(overrides: Partial<EscortStatistics> = {}): EscortStatistics {
  return escortStatisticsSchema.parse({
    streetId: 'jiangnanzhong',
    servicesDone: 1960,
    volunteerTurns: 3197,
    volunteers: 214,
    hours: 4321.46,
    averageRating: 4.86,
    ratings: 812,
    open: 3,
    ...overrides,
  });
}
