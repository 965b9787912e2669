import { z } from 'zod';

/**
 * Closing a ticket without fixing it (结案关闭): it was not a real problem (invalid), another ticket already
 * covers it (duplicate), or it is another body's business (not_ours, with the body it was passed to). A
 * closed ticket never warns, breaches or escalates; its reporters are told why.
 */
export const closureKinds = ['invalid', 'duplicate', 'not_ours'] as const;
export const closureKindSchema = z.enum(closureKinds);
export type ClosureKind = z.infer<typeof closureKindSchema>;

const ticketIdSchema = z.string().trim().min(1, '请填写重复的工单编号').max(80);

/** POST /api/tickets/:id/close. */
export const closeTicketRequestSchema = z
  .object({
    kind: closureKindSchema,
    reason: z.string().trim().min(1, '请填写关闭原因').max(200),
    /** For a duplicate: the other ticket that covers the same problem. */
    duplicateOfId: ticketIdSchema.optional(),
    /** For not_ours: the outside body the matter was passed to (e.g. 供电局, 物业公司). */
    passedTo: z.string().trim().min(1, '请填写移交单位').max(60).optional(),
  })
  .refine((request) => request.kind !== 'duplicate' || Boolean(request.duplicateOfId), {
    message: '重复工单须填写与之重复的工单编号',
    path: ['duplicateOfId'],
  })
  .refine((request) => request.kind !== 'not_ours' || Boolean(request.passedTo), {
    message: '非本单位职责须填写移交的单位',
    path: ['passedTo'],
  })
  .refine((request) => request.kind === 'duplicate' || request.duplicateOfId === undefined, {
    message: '只有重复工单才填写重复的工单编号',
    path: ['duplicateOfId'],
  })
  .refine((request) => request.kind === 'not_ours' || request.passedTo === undefined, {
    message: '只有非本单位职责才填写移交单位',
    path: ['passedTo'],
  });
export type CloseTicketRequest = z.infer<typeof closeTicketRequestSchema>;

/** Why a closed ticket was closed, on the ticket's view; `byName` (who closed it) only for staff. */
export const ticketClosureSchema = z.object({
  kind: closureKindSchema,
  reason: z.string(),
  duplicateOfId: z.string().nullable(),
  passedTo: z.string().nullable(),
  at: z.string(),
  byName: z.string().nullable().optional(),
});
export type TicketClosure = z.infer<typeof ticketClosureSchema>;
