import { z } from 'zod';
import { roleSchema } from './roles';
import { exportDatasets, exportFormatsOf, exportPath } from './exports';

/**
 * The audit log (审计日志): every staff action that changes data, and every export, recorded append-only
 * with who, when, what and from where. Which routes are audited, and under which action name, is the
 * table `auditedRoutes` below, keyed by "METHOD path" (kept apart from `apiRoutes` so that adding a route
 * and auditing it are separate, reviewable lines); `auditExemptRoutes` names the routes that change data
 * but are deliberately not audited, each with its reason. contracts' audit test fails when a route that
 * changes data and is open to staff is in neither.
 */

/** What an entry's action was done to. */
export const auditTargetKinds = [
  'ticket',
  'category',
  'street',
  'user',
  'device',
  'squad',
  'elder',
  'escort',
  'volunteer',
  'household',
  'alarm',
  'export',
] as const;
export type AuditTargetKind = (typeof auditTargetKinds)[number];

/**
 * done: the action succeeded; refused: the caller was not allowed (403), recorded because an attempt
 * beyond one's rights is what an auditor looks for; failed: the server failed (5xx) part-way, so it may
 * have partly acted; interrupted: the BFF stopped (a crash) while acting, found afterwards.
 */
export const auditOutcomes = ['done', 'refused', 'failed', 'interrupted'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

/** Stands in the recorded change for passwords, secrets, tokens and photos. */
export const auditRedacted = '[redacted]';

export const auditEntrySchema = z.object({
  id: z.string(),
  /** When the request arrived (ISO, UTC). */
  at: z.string(),
  actor: z.object({ id: z.string(), name: z.string().nullable(), roles: z.array(roleSchema) }),
  /** E.g. `ticket.assign`: see `auditedRoutes`. */
  action: z.string(),
  target: z.object({ kind: z.enum(auditTargetKinds), id: z.string().nullable() }),
  /** The street of the target when known, else the actor's; null for district-wide actions. */
  streetId: z.string().nullable(),
  outcome: z.enum(auditOutcomes),
  /** The HTTP status answered; null when interrupted. */
  status: z.number().int().nullable(),
  /** What was asked for: the request's body (or an export's query), with secrets `auditRedacted`. */
  change: z.record(z.string(), z.unknown()).nullable(),
  method: z.string(),
  path: z.string(),
  /** From where: the client's address (behind trusted proxies, the forwarded one) and user agent. */
  clientAddress: z.string(),
  userAgent: z.string(),
  requestId: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

const beijingDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

/** GET /api/audit: newest first; dates are Beijing days, both inclusive. */
export const auditSearchQuerySchema = z
  .object({
    /** The actor's user id or exact name. */
    actor: z.string().trim().min(1).max(80).optional(),
    action: z.string().trim().min(1).max(60).optional(),
    /** The target's id (a ticket's, a user's, a device's…). */
    target: z.string().trim().min(1).max(120).optional(),
    /** A street id; a street's administrator sees only their own. */
    street: z.string().trim().min(1).max(40).optional(),
    from: beijingDaySchema.optional(),
    to: beijingDaySchema.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: '开始日期不能晚于结束日期',
    path: ['to'],
  });
export type AuditSearchQuery = z.infer<typeof auditSearchQuerySchema>;

export const auditEntryListSchema = z.object({
  items: z.array(auditEntrySchema),
  total: z.number().int(),
});
export type AuditEntryList = z.infer<typeof auditEntryListSchema>;

/**
 * Where an audited route's target id comes from: a path parameter, the caller themself, the `id` of
 * what the route created (its response), or a fixed name (an export's dataset and format).
 */
export type AuditTargetId = { param: string } | 'caller' | 'created' | { fixed: string };

export interface AuditedRoute {
  action: string;
  target: AuditTargetKind;
  targetId: AuditTargetId;
}

export const auditRouteKey = (route: { method: string; path: string }): string =>
  `${route.method} ${route.path}`;

const byId = { param: 'id' } as const;

/** Every audited route by "METHOD path": staff callers' actions on it are recorded. */
export const auditedRoutes: Readonly<Record<string, AuditedRoute>> = {
  'POST /api/users': { action: 'user.create', target: 'user', targetId: 'created' },
  'PATCH /api/users/:id': { action: 'user.update', target: 'user', targetId: byId },
  'POST /api/users/:id/password-reset': { action: 'user.password-reset', target: 'user', targetId: byId },
  'POST /api/auth/password': { action: 'user.password-change', target: 'user', targetId: 'caller' },
  'POST /api/users/import': { action: 'user.import', target: 'user', targetId: { fixed: 'import' } },

  'PATCH /api/categories/:code': {
    action: 'category.update',
    target: 'category',
    targetId: { param: 'code' },
  },

  'POST /api/district/streets/:streetId/grids': {
    action: 'district.grids-publish',
    target: 'street',
    targetId: { param: 'streetId' },
  },

  'POST /api/tickets/:id/accept': { action: 'ticket.accept', target: 'ticket', targetId: byId },
  'POST /api/tickets/:id/reject': { action: 'ticket.reject', target: 'ticket', targetId: byId },
  'POST /api/tickets/:id/check-in': { action: 'ticket.check-in', target: 'ticket', targetId: byId },
  'POST /api/tickets/:id/transfer': { action: 'ticket.transfer', target: 'ticket', targetId: byId },
  'POST /api/tickets/:id/assign': { action: 'ticket.assign', target: 'ticket', targetId: byId },
  'POST /api/tickets/:id/resolve': { action: 'ticket.resolve', target: 'ticket', targetId: byId },
  'POST /api/tickets/:id/close': { action: 'ticket.close', target: 'ticket', targetId: byId },

  'PUT /api/squads/:squadId/schedule': {
    action: 'roster.schedule',
    target: 'squad',
    targetId: { param: 'squadId' },
  },
  'PUT /api/squads/:squadId/roster/:date/:shiftId': {
    action: 'roster.assign',
    target: 'squad',
    targetId: { param: 'squadId' },
  },
  'POST /api/officer/duty': { action: 'officer.duty', target: 'user', targetId: 'caller' },

  'POST /api/elders': { action: 'elder.create', target: 'elder', targetId: 'created' },
  'POST /api/escorts': { action: 'escort.create', target: 'escort', targetId: 'created' },
  'POST /api/escorts/:id/cancel': { action: 'escort.cancel', target: 'escort', targetId: byId },
  'POST /api/escorts/:id/reassign': { action: 'escort.reassign', target: 'escort', targetId: byId },
  'POST /api/volunteers/:id/verify': { action: 'volunteer.verify', target: 'volunteer', targetId: byId },
  'POST /api/volunteers/:id/hours/:escortId/review': {
    action: 'volunteer.hours-review',
    target: 'volunteer',
    targetId: byId,
  },

  'POST /api/devices': { action: 'device.register', target: 'device', targetId: 'created' },
  'POST /api/devices/import': { action: 'device.import', target: 'device', targetId: { fixed: 'import' } },
  'PATCH /api/devices/:id': { action: 'device.update', target: 'device', targetId: byId },
  'POST /api/devices/:id/rotate-secret': {
    action: 'device.rotate-secret',
    target: 'device',
    targetId: byId,
  },
  'POST /api/households': { action: 'household.create', target: 'household', targetId: 'created' },
  'PATCH /api/households/:id': { action: 'household.update', target: 'household', targetId: byId },
  'POST /api/households/:id/invitations': {
    action: 'household.invite-owner',
    target: 'household',
    targetId: byId,
  },
  'DELETE /api/households/:id/owners/:userId': {
    action: 'household.remove-owner',
    target: 'household',
    targetId: byId,
  },
  'POST /api/households/import': {
    action: 'household.import',
    target: 'household',
    targetId: { fixed: 'import' },
  },

  'POST /api/alarms/:id/acknowledge': { action: 'alarm.acknowledge', target: 'alarm', targetId: byId },
  'POST /api/alarms/:id/clear': { action: 'alarm.clear', target: 'alarm', targetId: byId },
  'POST /api/alarms/:id/warning': { action: 'alarm.warning', target: 'alarm', targetId: byId },

  // Exports are reads, but a month of residents' reports leaving the system is what an audit is for.
  ...Object.fromEntries(
    exportDatasets.flatMap((dataset) =>
      exportFormatsOf[dataset].map((format) => [
        auditRouteKey({ method: 'GET', path: exportPath(dataset, format) }),
        {
          action: 'export.download',
          target: 'export',
          targetId: { fixed: `${dataset}.${format}` },
        } satisfies AuditedRoute,
      ]),
    ),
  ),
};

/**
 * Routes that change data and are open to staff but are not audited, with the reason. A route here
 * must be one whose writes are the caller's own state or are recorded elsewhere in full.
 */
export const auditExemptRoutes: Readonly<Record<string, string>> = {
  'POST /api/reports/:id/confirm': 'a reporter confirming their own report; staff cannot',
  'POST /api/reports/:id/reopen': "a reporter reopening their own report; on the ticket's timeline",
  'POST /api/reports/:id/rate': 'a reporter rating their own report',
  'POST /api/officer/location':
    "an officer's position every few seconds while on duty: telemetry kept in Redis, not an action",
  'POST /api/photos':
    'an upload ahead of the report or resolve that names it; that action is what is audited',
  'POST /api/notifications/read': "the caller's own inbox state",
  'POST /api/notifications/subscriptions': "the caller's own WeChat subscription credits",
  'POST /api/district/streets/:streetId/grids/preview':
    'checks an uploaded grids file and writes nothing; publishing it is audited',
  'POST /api/users/import/preview': 'reads an uploaded file and writes nothing; the import itself is audited',
  'POST /api/devices/import/preview':
    'reads an uploaded file and writes nothing; the import itself is audited (its secrets never are)',
  'DELETE /api/me':
    "a resident deleting their own account (staff accounts are refused); what it removed is kept on the account's deletion record",
  'POST /api/escorts/:id/rate': "a family's rating of a finished escort",
  'POST /api/escorts/:id/sos':
    "an emergency call from an escort under way; on the escort's timeline and sent to staff at once",
};

/** The audited route described by `method path`, if any. */
export const auditedRouteOf = (route: { method: string; path: string }): AuditedRoute | undefined =>
  auditedRoutes[auditRouteKey(route)];
