import { z } from 'zod';
import { authResponseSchema } from './auth';
import { mainlandMobileSchema } from './users';

/** Household ids: typed by staff for old households, generated for new ones; both stay valid. */
export const householdIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, '住户编号：字母、数字、"-" 或 "_"');

const contactSchema = z.object({
  name: z.string().trim().min(1).max(40),
  phone: z.string().regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '请填写手机号或带区号的座机号'),
});

/** Where the household is, WGS-84, picked on the map: its street and grid follow from the polygons. */
export const householdLocationSchema = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});
export type HouseholdLocation = z.infer<typeof householdLocationSchema>;

/**
 * A household with detectors: its owners see and acknowledge its alarms; contacts are called on smoke.
 * Give a location (the street and grid then come from the polygons), a street, or both when they agree.
 * Without an id one is generated.
 */
export const createHouseholdRequestSchema = z
  .object({
    id: householdIdSchema.optional(),
    street: z.string().trim().min(1).max(40).optional(),
    location: householdLocationSchema.optional(),
    address: z.string().trim().min(1).max(120),
    /** User ids of the property owners (role property_owner); owners are otherwise invited by phone. */
    ownerIds: z.array(z.string().min(1).max(64)).max(10).default([]),
    contacts: z.array(contactSchema).max(5).default([]),
  })
  .refine((request) => request.street !== undefined || request.location !== undefined, {
    path: ['location'],
    message: '请在地图上选择位置或填写街道',
  });
export type CreateHouseholdRequest = z.infer<typeof createHouseholdRequestSchema>;

/** PATCH /api/households/:id: a new location moves it to the street and grid under it. */
export const updateHouseholdRequestSchema = z
  .object({
    address: z.string().trim().min(1).max(120),
    location: householdLocationSchema,
    contacts: z.array(contactSchema).max(5),
  })
  .partial()
  .refine((request) => Object.keys(request).length > 0, '至少修改一项');
export type UpdateHouseholdRequest = z.infer<typeof updateHouseholdRequestSchema>;

export const householdOwnerSchema = z.object({
  /** The owner's user id (staff remove owners by it). */
  id: z.string(),
  /** The phone they were invited by (masked for those who do not call households); null when linked by id. */
  phone: z.string().nullable(),
  linkedAt: z.string().nullable(),
});
export type HouseholdOwner = z.infer<typeof householdOwnerSchema>;

export const householdSchema = z.object({
  id: z.string(),
  streetId: z.string(),
  streetName: z.string().nullable(),
  address: z.string(),
  /** Null for households registered before locations were kept. */
  location: householdLocationSchema.nullable(),
  gridId: z.string().nullable(),
  gridName: z.string().nullable(),
  ownerIds: z.array(z.string()),
  owners: z.array(householdOwnerSchema),
  contacts: z.array(z.object({ name: z.string(), phone: z.string() })),
  /** Indoor-charging alarms this household has had: repeat offenders get the grid worker's visit. */
  chargingAlarmCount: z.number().int(),
});
export type Household = z.infer<typeof householdSchema>;
export const householdListSchema = z.object({ items: z.array(householdSchema) });
export type HouseholdList = z.infer<typeof householdListSchema>;

/**
 * GET /api/households: `mine=1` asks for the caller's own homes even when they are staff; `q` finds
 * households whose address or id contains it.
 */
export const householdListQuerySchema = z.object({
  mine: z.enum(['1']).optional(),
  q: z.string().trim().max(60).optional(),
});
export type HouseholdListQuery = z.infer<typeof householdListQuerySchema>;

/** POST /api/households/:id/invitations: staff invite an owner by their mobile. */
export const ownerInvitationRequestSchema = z.object({ phone: mainlandMobileSchema });
export type OwnerInvitationRequest = z.infer<typeof ownerInvitationRequestSchema>;

/** How the code reached the owner: by SMS, or only through the staff member who passes it on. */
export const invitationDeliverySchema = z.enum(['sms', 'sms_failed', 'in_person']);
export type InvitationDelivery = z.infer<typeof invitationDeliverySchema>;

/** The code is shown once, to the staff member who invited: it is stored only as a hash. */
export const ownerInvitationSchema = z.object({
  householdId: z.string(),
  phone: z.string(),
  code: z.string().regex(/^\d{6}$/),
  expiresAt: z.string(),
  delivery: invitationDeliverySchema,
});
export type OwnerInvitation = z.infer<typeof ownerInvitationSchema>;

/** POST /api/households/invitations/confirm: the owner, signed in with WeChat, confirms phone + code. */
export const confirmOwnerInvitationRequestSchema = z.object({
  phone: mainlandMobileSchema,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '请填写 6 位数字验证码'),
});
export type ConfirmOwnerInvitationRequest = z.infer<typeof confirmOwnerInvitationRequestSchema>;

/** The household now theirs, and a new session: the token carries the property-owner role. */
export const confirmOwnerInvitationResponseSchema = z.object({
  household: householdSchema,
  session: authResponseSchema,
});
export type ConfirmOwnerInvitationResponse = z.infer<typeof confirmOwnerInvitationResponseSchema>;

/**
 * POST /api/households/import: households from an .xlsx (its 住户 sheet, else its first) or a .csv (UTF-8 or
 * GB18030), sent as multipart/form-data in the field `householdImportFileField`. The header row names 地址,
 * 纬度, 经度 and optionally 住户编号, 联系人, 联系电话. Without `?commit=1` nothing is stored: the preview says
 * what each row would do. Committing again stores nothing twice.
 */
export const householdImportQuerySchema = z.object({ commit: z.enum(['1']).optional() });
export type HouseholdImportQuery = z.infer<typeof householdImportQuerySchema>;

/** The multipart field the file comes in. */
export const householdImportFileField = 'file';

export const householdImportLimits = {
  /** A street onboarding its households at once: a few thousand rows is one sheet, well under 2 MB. */
  maxBytes: 2 * 1024 * 1024,
  maxRows: 2000,
};

/** The columns of a household sheet; the first three are required. */
export const householdImportHeaders = ['住户编号', '地址', '纬度', '经度', '联系人', '联系电话'] as const;
export type HouseholdImportHeader = (typeof householdImportHeaders)[number];
export const requiredHouseholdImportHeaders = [
  '地址',
  '纬度',
  '经度',
] as const satisfies readonly HouseholdImportHeader[];

export const householdImportRowSchema = z.object({
  /** The row's number in the sheet (the header is row 1). */
  row: z.number().int(),
  id: z.string().nullable(),
  address: z.string(),
  streetName: z.string().nullable(),
  gridName: z.string().nullable(),
  /** new: created (or would be); exists: already there, left alone; error: see `errors`. */
  outcome: z.enum(['new', 'exists', 'error']),
  errors: z.array(z.string()),
});
export type HouseholdImportRow = z.infer<typeof householdImportRowSchema>;

export const householdImportResultSchema = z.object({
  committed: z.boolean(),
  rows: z.array(householdImportRowSchema),
  counts: z.object({ new: z.number().int(), exists: z.number().int(), error: z.number().int() }),
});
export type HouseholdImportResult = z.infer<typeof householdImportResultSchema>;
