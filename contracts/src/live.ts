import { z } from 'zod';

/** What kind of document changed for a user: the pages that show it load again. */
export const liveTopics = ['ticket', 'escort', 'alarm', 'notification'] as const;
export const liveTopicSchema = z.enum(liveTopics);
export type LiveTopic = z.infer<typeof liveTopicSchema>;

/**
 * One change of a document that concerns the caller: `event: change` on GET /api/me/events and an item
 * of GET /api/me/changes. Only the kind and the id: the page reads the document itself, with its checks.
 */
export const liveChangeSchema = z.object({ topic: liveTopicSchema, id: z.string() });
export type LiveChange = z.infer<typeof liveChangeSchema>;

/** GET /api/me/changes: `since` is the cursor of the previous answer; without it, the answer is the start. */
export const meChangesQuerySchema = z.object({
  since: z
    .string()
    .regex(/^\d{1,15}$/, '游标格式不正确')
    .transform(Number)
    .optional(),
});
export type MeChangesQuery = z.input<typeof meChangesQuerySchema>;

export const meChangesSchema = z.object({
  /** Pass it as `since` next time. */
  cursor: z.number().int().nonnegative(),
  /** Changes after `since`, oldest first (one per document even when it changed more than once). */
  changes: z.array(liveChangeSchema),
  /** Changes after `since` may be missing (too many, or forgotten): load everything the page shows. */
  reset: z.boolean(),
});
export type MeChanges = z.infer<typeof meChangesSchema>;
