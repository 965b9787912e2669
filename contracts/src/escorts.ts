import { z } from 'zod';

/** Mainland mobile or landline with area code: elders often have only a landline. */
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '请填写手机号或带区号的座机号');

/** Escorts are offered from 07:00 to 21:00 Beijing time: the BFF enforces it, the apps check it first. */
export const escortServiceHours = { start: '07:00', end: '21:00' } as const;

export const escortServiceTypes = [
  'hospital_escort',
  'medicine_pickup',
  'companion_call',
  'home_visit',
] as const;
export const escortServiceTypeSchema = z.enum(escortServiceTypes);
export type EscortServiceType = z.infer<typeof escortServiceTypeSchema>;

export const escortServiceSchema = z.object({
  type: escortServiceTypeSchema,
  name: z.string(),
  defaultMinutes: z.number().int(),
  /** A volunteer goes to the elder (or with them); a companion call is done by phone. */
  inPerson: z.boolean(),
});
export type EscortService = z.infer<typeof escortServiceSchema>;
export const escortServiceListSchema = z.object({ items: z.array(escortServiceSchema) });

/** What an elder needs from whoever comes; matched against volunteers' skills. */
export const elderNeeds = [
  'wheelchair',
  'hearing_impaired',
  'visually_impaired',
  'cantonese_only',
  'memory_loss',
] as const;
export const elderNeedSchema = z.enum(elderNeeds);
export type ElderNeed = z.infer<typeof elderNeedSchema>;

export const volunteerSkills = ['wheelchair', 'cantonese', 'first_aid', 'sign_language', 'driving'] as const;
export const volunteerSkillSchema = z.enum(volunteerSkills);
export type VolunteerSkill = z.infer<typeof volunteerSkillSchema>;

const contactSchema = z.object({
  name: z.string().trim().min(1).max(40),
  phone: phoneSchema,
  relation: z.string().trim().max(20).optional(),
});

export const createElderRequestSchema = z.object({
  name: z.string().trim().min(1, '请填写姓名').max(40),
  phone: phoneSchema,
  address: z.string().trim().min(1, '请填写住址').max(120),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  needs: z.array(elderNeedSchema).max(elderNeeds.length).default([]),
  emergencyContacts: z.array(contactSchema).max(5).default([]),
  /** Family members' user ids, who may book and follow on the elder's behalf. */
  familyUserIds: z.array(z.string().min(1).max(64)).max(10).default([]),
});
export type CreateElderRequest = z.infer<typeof createElderRequestSchema>;

export const elderSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Masked (138****1234) except for the elder's community worker and family. */
  phone: z.string(),
  address: z.string().nullable(),
  streetId: z.string().nullable(),
  streetName: z.string().nullable(),
  needs: z.array(elderNeedSchema),
  emergencyContacts: z.array(
    z.object({ name: z.string(), phone: z.string(), relation: z.string().nullable() }),
  ),
  familyUserIds: z.array(z.string()),
});
export type Elder = z.infer<typeof elderSchema>;
export const elderListSchema = z.object({ items: z.array(elderSchema) });

const isoDateTime = z.iso.datetime({
  offset: true,
  message: '请使用 ISO 8601 时间，例如 2026-11-24T09:00:00+08:00',
});

export const createEscortRequestSchema = z
  .object({
    elderId: z.string().min(1),
    serviceType: escortServiceTypeSchema,
    windowStart: isoDateTime,
    windowEnd: isoDateTime,
    pickupAddress: z.string().trim().max(120).optional(),
    destination: z.string().trim().max(120).optional(),
    /** Hospital escorts: which hospital and department. */
    hospital: z.string().trim().max(60).optional(),
    department: z.string().trim().max(40).optional(),
    notes: z.string().trim().max(300).optional(),
  })
  .superRefine((request, context) => {
    if (Date.parse(request.windowEnd) <= Date.parse(request.windowStart)) {
      context.addIssue({ code: 'custom', path: ['windowEnd'], message: '结束时间必须晚于开始时间' });
    }
    if (request.serviceType === 'hospital_escort' && !request.hospital) {
      context.addIssue({ code: 'custom', path: ['hospital'], message: '陪诊请填写医院' });
    }
  });
export type CreateEscortRequest = z.infer<typeof createEscortRequestSchema>;

export const escortStatuses = ['open', 'accepted', 'in_progress', 'completed', 'cancelled'] as const;
export const escortStatusSchema = z.enum(escortStatuses);
export type EscortStatus = z.infer<typeof escortStatusSchema>;

export const escortTimelineEntrySchema = z.object({
  at: z.string(),
  action: z.string(),
  actor: z.object({ id: z.string(), name: z.string().nullable(), role: z.string() }).nullable(),
  note: z.string().nullable(),
});

export const escortSchema = z.object({
  id: z.string(),
  elderId: z.string(),
  elderName: z.string(),
  elderNeeds: z.array(elderNeedSchema),
  serviceType: escortServiceTypeSchema,
  serviceName: z.string(),
  inPerson: z.boolean(),
  status: escortStatusSchema,
  windowStart: z.string(),
  windowEnd: z.string(),
  /** Same-day requests are offered to several matching volunteers at once. */
  urgent: z.boolean(),
  streetId: z.string().nullable(),
  /** The elder's exact address and phone: only for the accepted volunteer, the family and staff. */
  elderAddress: z.string().nullable(),
  elderPhone: z.string(),
  /** Approximate area for everyone else (the street and about how far). */
  area: z.string().nullable(),
  /** Exact metres from the volunteer's base: only for those who may see the address. */
  distanceM: z.number().nullable(),
  /**
   * For a volunteer who may not see the address yet: a coarse band ("约 1–2 公里") measured to a
   * stand-in point hundreds of metres from the home, never the exact distance.
   */
  distanceBand: z
    .object({ minKm: z.number(), maxKm: z.number().nullable(), label: z.string() })
    .nullable()
    .default(null),
  pickupAddress: z.string().nullable(),
  destination: z.string().nullable(),
  hospital: z.string().nullable(),
  department: z.string().nullable(),
  notes: z.string().nullable(),
  volunteer: z.object({ id: z.string(), name: z.string(), phone: z.string() }).nullable(),
  checkedInAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  completionNotes: z.string().nullable(),
  rating: z.object({ score: z.number().int(), comment: z.string(), at: z.string() }).nullable(),
  sos: z
    .array(
      z.object({
        at: z.string(),
        by: z.string(),
        lat: z.number().nullable(),
        lng: z.number().nullable(),
        note: z.string().nullable(),
      }),
    )
    .default([]),
  timeline: z.array(escortTimelineEntrySchema),
  createdAt: z.string(),
});
export type Escort = z.infer<typeof escortSchema>;
export const escortListSchema = z.object({ items: z.array(escortSchema), total: z.number().int() });
export type EscortList = z.infer<typeof escortListSchema>;

export const escortListQuerySchema = z.object({
  status: z
    .string()
    .regex(
      /^(open|accepted|in_progress|completed|cancelled)(,(open|accepted|in_progress|completed|cancelled))*$/,
    )
    .optional(),
  elderId: z.string().max(64).optional(),
  /** `1`: the caller's own: as volunteer, or as family. */
  mine: z.enum(['1']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type EscortListQuery = z.infer<typeof escortListQuerySchema>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式 HH:MM');

export const weeklySlotSchema = z
  .object({ weekday: z.number().int().min(0).max(6), start: hhmm, end: hhmm })
  .refine((slot) => slot.end > slot.start, { path: ['end'], message: '结束时间必须晚于开始时间' });
export type WeeklySlot = z.infer<typeof weeklySlotSchema>;

export const registerVolunteerRequestSchema = z.object({
  realName: z.string().trim().min(2, '请填写真实姓名').max(20),
  phone: z.string().regex(/^1\d{10}$/, '请填写 11 位手机号'),
  skills: z.array(volunteerSkillSchema).max(volunteerSkills.length).default([]),
  serviceArea: z.object({
    street: z.string().trim().min(1).max(40),
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
    radiusKm: z.number().min(0.5).max(20).default(3),
  }),
  availability: z.array(weeklySlotSchema).min(1, '请至少填写一个可服务时段').max(28),
});
export type RegisterVolunteerRequest = z.infer<typeof registerVolunteerRequestSchema>;

export const volunteerSchema = z.object({
  id: z.string(),
  realName: z.string(),
  phone: z.string(),
  skills: z.array(volunteerSkillSchema),
  serviceArea: z.object({ streetId: z.string(), lat: z.number(), lng: z.number(), radiusKm: z.number() }),
  availability: z.array(weeklySlotSchema),
  verified: z.boolean(),
  verifiedAt: z.string().nullable(),
});
export type Volunteer = z.infer<typeof volunteerSchema>;
export const volunteerListSchema = z.object({ items: z.array(volunteerSchema) });
/** Staff's volunteer list: all, or only the verified (`true`) or the unverified (`false`). */
export const volunteerListQuerySchema = z.object({ verified: z.enum(['true', 'false']).optional() });

export const escortReasonSchema = z.object({ reason: z.string().trim().min(1, '请填写原因').max(200) });
/** Staff hand an escort on: to the volunteer named, or back to the open requests. */
export const escortReassignSchema = escortReasonSchema.extend({
  volunteerId: z.string().min(1).max(64).optional(),
});
export const escortCheckInSchema = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});
export const escortCompleteSchema = z.object({ notes: z.string().trim().min(1, '请填写服务记录').max(500) });
export const escortRateSchema = z.object({
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(200).default(''),
});
export const escortSosSchema = z.object({
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  note: z.string().trim().max(200).optional(),
});

export const volunteerHoursSchema = z.object({
  volunteerId: z.string(),
  totalMinutes: z.number().int(),
  reviewedMinutes: z.number().int(),
  turns: z.number().int(),
  entries: z.array(
    z.object({
      escortId: z.string(),
      serviceType: escortServiceTypeSchema,
      checkedInAt: z.string(),
      completedAt: z.string(),
      minutes: z.number().int(),
      reviewed: z.boolean(),
    }),
  ),
});
export type VolunteerHours = z.infer<typeof volunteerHoursSchema>;

/** District staff may ask for one street's figures; a community worker always gets their own street's. */
export const escortStatisticsQuerySchema = z.object({ street: z.string().max(40).optional() });

export const escortStatisticsSchema = z.object({
  streetId: z.string().nullable(),
  servicesDone: z.number().int(),
  volunteerTurns: z.number().int(),
  volunteers: z.number().int(),
  hours: z.number(),
  averageRating: z.number().nullable(),
  ratings: z.number().int(),
  open: z.number().int(),
});
export type EscortStatistics = z.infer<typeof escortStatisticsSchema>;
