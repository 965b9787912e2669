import { z } from 'zod';
import { roleSchema } from './roles';
import { categoryCodeSchema, ticketStatusSchema } from './reports';
import { escortServiceTypeSchema, escortStatusSchema, volunteerSkillSchema } from './escorts';

/**
 * 我的数据 (PIPL): everything the system holds about the caller, grouped. Lists that grow with use are
 * bounded to the newest `listLimit` items and say how many there are in all (`total`).
 */
export const personalDataLimits = {
  /** Items per list in GET /api/me/data (the page). */
  page: 50,
  /** Items per list in the export (the file). */
  export: 1000,
} as const;

const point = z.object({ lat: z.number(), lng: z.number() });
const givenRating = z.object({ score: z.number(), comment: z.string(), at: z.string() }).nullable();

const boundedList = <T extends z.ZodType>(item: T) =>
  z.object({ total: z.number().int().min(0), items: z.array(item) });

export const signInKinds = ['wechat', 'username', 'dev'] as const;

export const personalDataSchema = z.object({
  generatedAt: z.string(),
  /** How many items each list holds at most (the newest first). */
  listLimit: z.number().int(),
  account: z.object({
    id: z.string(),
    name: z.string(),
    roles: z.array(roleSchema),
    createdAt: z.string(),
    phone: z.string().nullable(),
    streetId: z.string().nullable(),
    /** Sign-in identities: WeChat (openid, shown masked), username, dev login. */
    signIns: z.array(z.object({ kind: z.enum(signInKinds), key: z.string(), createdAt: z.string() })),
  }),
  /** Reports the caller filed or joined (我也遇到), with their own submission only. */
  reports: boundedList(
    z.object({
      id: z.string(),
      category: categoryCodeSchema,
      categoryName: z.string(),
      status: ticketStatusSchema,
      submittedAt: z.string(),
      address: z.string(),
      description: z.string(),
      location: point,
      anonymous: z.boolean(),
      photoCount: z.number().int(),
      /** Joined someone else's report rather than filing it first. */
      joined: z.boolean(),
      rating: givenRating,
    }),
  ),
  /** Elders the caller registered or is family of (their names, phones, addresses as entered). */
  elders: boundedList(
    z.object({
      id: z.string(),
      name: z.string(),
      phone: z.string(),
      address: z.string(),
      registeredByMe: z.boolean(),
      emergencyContacts: z.array(
        z.object({ name: z.string(), phone: z.string(), relation: z.string().nullable() }),
      ),
    }),
  ),
  /** Escorts the caller booked, or served as the volunteer. */
  escorts: boundedList(
    z.object({
      id: z.string(),
      as: z.enum(['booker', 'volunteer']),
      serviceType: escortServiceTypeSchema,
      status: escortStatusSchema,
      elderName: z.string(),
      windowStart: z.string(),
      windowEnd: z.string(),
      pickupAddress: z.string().nullable(),
      destination: z.string().nullable(),
      hospital: z.string().nullable(),
      notes: z.string().nullable(),
      rating: givenRating,
    }),
  ),
  volunteer: z
    .object({
      realName: z.string(),
      phone: z.string(),
      skills: z.array(volunteerSkillSchema),
      streetId: z.string(),
      radiusKm: z.number(),
      verified: z.boolean(),
      registeredAt: z.string(),
      /** Minutes served in completed escorts. */
      servedMinutes: z.number(),
    })
    .nullable(),
  /** Households the caller owns, with the contacts and devices there. */
  households: boundedList(
    z.object({
      id: z.string(),
      address: z.string(),
      streetId: z.string(),
      contacts: z.array(z.object({ name: z.string(), phone: z.string() })),
      deviceIds: z.array(z.string()),
    }),
  ),
  notifications: boundedList(
    z.object({ id: z.string(), template: z.string(), createdAt: z.string(), read: z.boolean() }),
  ),
  subscriptions: z.array(
    z.object({ template: z.string(), answer: z.string(), answeredAt: z.string(), credits: z.number() }),
  ),
  /**
   * Short-lived technical records kept about the caller in Redis (rate-limit counters, the change log
   * the mini-program polls, report idempotency keys): what they are and when they expire.
   */
  technical: z.array(z.object({ kind: z.string(), expiresInSeconds: z.number().int().nullable() })),
});
export type PersonalData = z.infer<typeof personalDataSchema>;

/** The words the resident types (or the app sends after its own confirmation) to delete the account. */
export const accountDeletionPhrase = '注销账号';

export const deleteAccountRequestSchema = z
  .object({
    confirm: z.literal(accountDeletionPhrase, { error: `请输入“${accountDeletionPhrase}”确认` }),
  })
  .strict();
export type DeleteAccountRequest = z.infer<typeof deleteAccountRequestSchema>;

/**
 * `deleted` (200): done. `deleting` (202): signed out and marked, a step failed on the way; the server
 * finishes it within minutes.
 */
export const accountDeletionSchema = z.object({
  status: z.enum(['deleted', 'deleting']),
  completedAt: z.string().nullable(),
});
export type AccountDeletion = z.infer<typeof accountDeletionSchema>;

/** Why an account cannot be deleted yet (409 details.blockers): each says what to do first. */
export const deletionBlockerKinds = ['escort_booked', 'escort_serving', 'household_devices'] as const;
export const deletionBlockerSchema = z.object({
  kind: z.enum(deletionBlockerKinds),
  id: z.string(),
  /** What to do first, in words for the resident. */
  message: z.string(),
});
export type DeletionBlocker = z.infer<typeof deletionBlockerSchema>;
