import { z } from 'zod';
import { ticketClosureSchema } from './closeout';
import { photoLimits } from './photos';
import { categoryIcons } from './categoryIcons';

export const categoryCodes = [
  'street_vending',
  'illegal_parking',
  'garbage',
  'noise',
  'oil_fume',
  'road_damage',
  'fallen_tree',
  'manhole_cover',
  'ebike_indoor_charging',
  'fire_hazard',
  'other',
] as const;
export const categoryCodeSchema = z.enum(categoryCodes);
export type CategoryCode = z.infer<typeof categoryCodeSchema>;

export const departments = [
  'urban_management',
  'traffic_police',
  'sanitation',
  'ecology_environment',
  'municipal_works',
  'landscaping',
  'fire_safety',
  'street_office',
] as const;
export const departmentSchema = z.enum(departments);
export type Department = z.infer<typeof departmentSchema>;

export const priorities = ['urgent', 'high', 'normal'] as const;
export const prioritySchema = z.enum(priorities);
export type Priority = z.infer<typeof prioritySchema>;

export const categoryIconSchema = z.enum(categoryIcons);

/** Bounds an administrator's edit of a category must keep (see `updateCategoryRequestSchema`). */
export const categoryLimits = {
  nameMaxLength: 20,
  departmentNameMaxLength: 20,
  minSlaMinutes: 5,
  maxSlaMinutes: 24 * 60,
} as const;

/** A category as the catalogue holds it now; `version` counts its edits (1 as first seeded). */
export const categorySchema = z.object({
  code: categoryCodeSchema,
  name: z.string().min(1),
  icon: categoryIconSchema,
  department: departmentSchema,
  departmentName: z.string().min(1),
  priority: prioritySchema,
  onSiteSlaMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  /** A disabled category is not offered to residents and takes no new reports; its open tickets go on. */
  enabled: z.boolean(),
  version: z.number().int().positive(),
});
export type Category = z.infer<typeof categorySchema>;

export const categoryListSchema = z.object({ items: z.array(categorySchema) });
export type CategoryList = z.infer<typeof categoryListSchema>;

export const ticketStatuses = [
  'dispatch_queue',
  'assigned',
  'accepted',
  'on_site',
  'resolved',
  'confirmed',
  'reopened',
  /** Closed without being fixed: invalid, a duplicate, or another body's business (see closeout.ts). */
  'closed',
] as const;
export const ticketStatusSchema = z.enum(ticketStatuses);
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

/** WGS-84 coordinates: the mini-program asks getLocation for wgs84 and converts GCJ-02 from map pickers. */
export const wgs84PointSchema = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});
export type Wgs84Point = z.infer<typeof wgs84PointSchema>;

/** Multipart text fields arrive as strings; these coerce and check them. */
const multipartBoolean = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((value) => value === true || value === 'true' || value === '1');

export const createReportFieldsSchema = z.object({
  category: categoryCodeSchema,
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
  accuracy: z.coerce.number().min(0).max(10_000).optional(),
  address: z.string().trim().max(200, '地址不超过 200 个字').default(''),
  description: z.string().trim().max(500, '描述不超过 500 个字').default(''),
  anonymous: multipartBoolean.default(false),
});
export type CreateReportFields = z.infer<typeof createReportFieldsSchema>;

export const idempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,128}$/, 'Idempotency-Key: 8–128 letters, digits, "-" or "_"');

export const photoRefSchema = z.object({ id: z.string(), url: z.string(), thumbnailUrl: z.string() });
export type PhotoRef = z.infer<typeof photoRefSchema>;

export const photoIdSchema = z.string().regex(/^[0-9a-f]{24}$/, '照片编号无效');

/**
 * A report as JSON whose photos were uploaded first with `POST /api/photos` (one per request, as
 * wx.uploadFile sends them, while the resident is still filling in the form).
 */
export const createReportRequestSchema = createReportFieldsSchema.extend({
  photoIds: z
    .array(photoIdSchema)
    .min(1, '至少需要 1 张照片')
    .max(photoLimits.maxCount, `最多 ${photoLimits.maxCount} 张照片`)
    .refine((ids) => new Set(ids).size === ids.length, '同一张照片只能用一次'),
});
export type CreateReportRequest = z.infer<typeof createReportRequestSchema>;

/** The steps a ticket's timeline records; clients label these and show any other action as it is. */
export const timelineActions = [
  'report',
  'report_joined',
  'assign',
  'queue',
  'accept',
  'reject',
  'accept_timeout',
  'officer_disabled',
  'check_in',
  'resolve',
  'confirm',
  'reopen',
  'rate',
  'transfer',
  'sla_warning',
  'sla_breached',
  'device_alarm',
  'device_evidence',
  'close',
  'duplicate_merged',
] as const;
export type TimelineAction = (typeof timelineActions)[number];

export const timelineEntrySchema = z.object({
  at: z.string(),
  action: z.string(),
  from: ticketStatusSchema.nullable(),
  to: ticketStatusSchema,
  actorId: z.string().nullable(),
  actorRole: z.string().nullable(),
  /** Who acted, by name; absent for the system and for anonymous reporters. */
  actorName: z.string().nullable().optional(),
  reason: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** What a sensor recorded for a ticket: the alarm, the dB(A) trace and limit, the warnings and acks. */
export const deviceEvidenceSchema = z.object({
  alarmId: z.string(),
  deviceId: z.string(),
  alarmType: z.string(),
  site: z.string().nullable(),
  openedAt: z.string(),
  confidence: z.number().nullable(),
  noise: z
    .object({
      limitDb: z.number(),
      period: z.enum(['day', 'night']),
      peakDb: z.number(),
      trace: z.array(z.object({ at: z.string(), levelDb: z.number() })),
    })
    .nullable(),
  warnings: z.array(
    z.object({
      messageId: z.string(),
      sentAt: z.string(),
      ackAt: z.string().nullable(),
      ok: z.boolean().nullable(),
    }),
  ),
});
export type DeviceEvidence = z.infer<typeof deviceEvidenceSchema>;

/** One resident's report on a ticket: a reporter gets only their own, staff get every one. */
export const ticketSubmissionSchema = z.object({
  /** Null for an anonymous reporter (except in their own view). */
  reporterId: z.string().nullable(),
  anonymous: z.boolean(),
  /** The caller's own submission. */
  mine: z.boolean(),
  description: z.string(),
  address: z.string(),
  location: wgs84PointSchema,
  photos: z.array(photoRefSchema),
  submittedAt: z.string(),
});
export type TicketSubmission = z.infer<typeof ticketSubmissionSchema>;

export const ticketSchema = z.object({
  id: z.string(),
  category: categoryCodeSchema,
  categoryName: z.string(),
  priority: prioritySchema,
  department: departmentSchema,
  status: ticketStatusSchema,
  version: z.number().int(),
  /** For a reporter: where, what and which photos they themselves reported; for staff: the first report. */
  location: wgs84PointSchema,
  accuracy: z.number().optional(),
  address: z.string(),
  description: z.string(),
  reporterCount: z.number().int(),
  streetId: z.string().nullable(),
  streetName: z.string().nullable(),
  squadId: z.string().nullable(),
  /** The grid (网格) of the ticket's location within its street; null outside every grid, absent on older tickets. */
  gridId: z.string().nullable().optional(),
  assigneeId: z.string().nullable(),
  slaBreached: z.boolean(),
  deadlines: z.object({ acceptBy: z.string().nullable(), warnAt: z.string(), breachAt: z.string() }),
  reportedAt: z.string(),
  updatedAt: z.string(),
  photos: z.array(photoRefSchema),
  resolution: z.object({ note: z.string(), photos: z.array(photoRefSchema), at: z.string() }).nullable(),
  rating: z.object({ score: z.number().int(), comment: z.string(), at: z.string() }).nullable(),
  /** Why a closed ticket was closed; null otherwise (absent from older servers). */
  closure: ticketClosureSchema.nullable().default(null),
  timeline: z.array(timelineEntrySchema),
  /** Sensor evidence when a device's alarm opened or backed this ticket (staff only). */
  deviceEvidence: z.array(deviceEvidenceSchema).default([]),
  /** Residents' own reports: a reporter sees theirs, staff see all (absent from older servers). */
  submissions: z.array(ticketSubmissionSchema).default([]),
});
export type Ticket = z.infer<typeof ticketSchema>;

export const ticketListSchema = z.object({ items: z.array(ticketSchema), total: z.number().int() });
export type TicketList = z.infer<typeof ticketListSchema>;

export const reportListQuerySchema = z.object({
  mine: z.enum(['1', 'true']).optional(),
  status: ticketStatusSchema.optional(),
  category: categoryCodeSchema.optional(),
  street: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ReportListQuery = z.infer<typeof reportListQuerySchema>;

export const travelModes = ['walk', 'ebike', 'car'] as const;

export const dutyRequestSchema = z.object({
  onDuty: z.boolean(),
  travelMode: z.enum(travelModes).optional(),
});
export type DutyRequest = z.infer<typeof dutyRequestSchema>;

/**
 * GET /api/officer/tickets: `held` (default) the tickets the officer holds now; `today` those they resolved
 * since Beijing midnight (the day's history), newest first.
 */
export const officerTicketsQuerySchema = z.object({ scope: z.enum(['held', 'today']).default('held') });
export type OfficerTicketsQuery = z.infer<typeof officerTicketsQuerySchema>;

export const locationRequestSchema = wgs84PointSchema.extend({
  accuracy: z.number().min(0).max(10_000).optional(),
});
export type LocationRequest = z.infer<typeof locationRequestSchema>;

export const reasonRequestSchema = z.object({ reason: z.string().trim().min(1, '请填写原因').max(200) });
export type ReasonRequest = z.infer<typeof reasonRequestSchema>;

export const checkInRequestSchema = wgs84PointSchema;
export type CheckInRequest = z.infer<typeof checkInRequestSchema>;

export const transferRequestSchema = z
  .object({
    toSquad: z.string().trim().min(1).max(60).optional(),
    toDepartment: departmentSchema.optional(),
    reason: z.string().trim().min(1, '请填写转办原因').max(200),
  })
  .refine((request) => Boolean(request.toSquad) !== Boolean(request.toDepartment), {
    message: '请选择转给中队或部门（二选一）',
    path: ['toSquad'],
  });
export type TransferRequest = z.infer<typeof transferRequestSchema>;

export const resolveFieldsSchema = z.object({ note: z.string().trim().min(1, '请填写处置说明').max(500) });

/**
 * POST /api/tickets/:id/resolve as JSON: the after-photos were uploaded first with `POST /api/photos`, one
 * per request (wx.uploadFile sends one file), and are named by id. The multipart form still works.
 */
export const resolveRequestSchema = resolveFieldsSchema.extend({
  photoIds: z
    .array(photoIdSchema)
    .min(1, '至少需要 1 张处置后照片')
    .max(photoLimits.maxCount, `最多 ${photoLimits.maxCount} 张照片`)
    .refine((ids) => new Set(ids).size === ids.length, '同一张照片只能用一次'),
});
export type ResolveRequest = z.infer<typeof resolveRequestSchema>;

export const rateRequestSchema = z.object({
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(300).default(''),
});
export type RateRequest = z.infer<typeof rateRequestSchema>;

export const assignRequestSchema = z.object({
  officerId: z.string().min(1),
  reason: z.string().trim().max(200).default('调度员指派'),
});
export type AssignRequest = z.infer<typeof assignRequestSchema>;

export const reportSubmissionSchema = ticketSchema.extend({
  /** created: a new ticket; joined: merged into an open ticket nearby; replayed: a retry of an earlier submission. */
  outcome: z.enum(['created', 'joined', 'replayed']),
});
export type ReportSubmission = z.infer<typeof reportSubmissionSchema>;

export const publicMapPointSchema = z.object({
  category: categoryCodeSchema,
  status: ticketStatusSchema,
  lat: z.number(),
  lng: z.number(),
});
export const publicMapSchema = z.object({ items: z.array(publicMapPointSchema) });
export type PublicMap = z.infer<typeof publicMapSchema>;

export const officerStatusSchema = z.object({
  onDuty: z.boolean(),
  travelMode: z.enum(travelModes),
  capacity: z.number().int(),
  location: wgs84PointSchema.extend({ accuracy: z.number().optional(), at: z.string() }).nullable(),
});
export type OfficerStatus = z.infer<typeof officerStatusSchema>;

export const officerSummarySchema = officerStatusSchema.extend({
  id: z.string(),
  name: z.string(),
  squadId: z.string(),
  streetId: z.string().nullable(),
  activeTickets: z.number().int(),
  /** On the shift on now; null when the squad does not dispatch by roster. */
  onShift: z.boolean().nullable(),
});
export type OfficerSummary = z.infer<typeof officerSummarySchema>;
export const officerListSchema = z.object({ items: z.array(officerSummarySchema) });
export type OfficerList = z.infer<typeof officerListSchema>;

/** Server-sent event on GET /api/tickets/events: a ticket the caller may see has changed. */
export const ticketEventSchema = z.object({ type: z.literal('ticket'), ticket: ticketSchema });
export type TicketEvent = z.infer<typeof ticketEventSchema>;
