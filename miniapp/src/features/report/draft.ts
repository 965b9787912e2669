import { categoryCodeSchema, idempotencyKeySchema } from '@jiefang/contracts';
import { z } from 'zod';
import type { ApiError } from '../../api/client';
import type { KeyValueStore } from '../../storage';

/**
 * A 随手拍 submission that has not been answered with a ticket yet. It is written before the first attempt,
 * so a crash, a lost response or a dead network leaves it behind, and every retry reuses its
 * Idempotency-Key: the BFF answers a repeated key with the first ticket, so one draft never becomes two
 * reports.
 */

export const locationSources = ['gps', 'map', 'street'] as const;
export type LocationSource = (typeof locationSources)[number];

export const reportLocationSchema = z.object({
  /** WGS-84, whatever the source. */
  lat: z.number(),
  lng: z.number(),
  accuracy: z.number().optional(),
  source: z.enum(locationSources),
  /** A map pick's place name, or the street chosen when location was refused. */
  label: z.string().optional(),
});
export type ReportLocation = z.infer<typeof reportLocationSchema>;

export const draftPhotoSchema = z.object({
  /** Where the photo is kept: a file path (mini-program) or `h5photo:<id>` (IndexedDB). */
  ref: z.string().min(1),
  name: z.string(),
  size: z.number(),
  contentType: z.string(),
  /** The id POST /api/photos gave it: kept so that a retry uploads only the photos still missing. */
  uploadedId: z.string().optional(),
});
export type DraftPhoto = z.infer<typeof draftPhotoSchema>;

export const reportFormValuesSchema = z.object({
  category: categoryCodeSchema.nullable(),
  description: z.string(),
  address: z.string(),
  anonymous: z.boolean(),
  location: reportLocationSchema.nullable(),
});
export type ReportFormValues = z.infer<typeof reportFormValuesSchema>;

export const emptyFormValues: ReportFormValues = {
  category: null,
  description: '',
  address: '',
  anonymous: false,
  location: null,
};

/** Where a form field's error is shown. */
export const formFields = ['photos', 'category', 'location', 'description', 'address', 'form'] as const;
export type FormField = (typeof formFields)[number];
export type FieldErrors = Partial<Record<FormField, string>>;

/**
 * - `sending`: an attempt was started and not answered (the app may have died meanwhile): locked, retry.
 * - `failed`: the last attempt failed in a way that may have reached the server or will pass later
 *   (network, timeout, 5xx, 429, still processing): locked, retry with the same key.
 * - `invalid`: the BFF refused it (400/413/415/422…) before creating anything: editable, same key.
 */
export const draftStates = ['sending', 'failed', 'invalid'] as const;
export type DraftState = (typeof draftStates)[number];

export const reportDraftSchema = z.object({
  version: z.literal(1),
  userId: z.string(),
  idempotencyKey: idempotencyKeySchema,
  createdAt: z.string(),
  state: z.enum(draftStates),
  attempts: z.number().int().min(0),
  lastAttemptAt: z.string().optional(),
  values: reportFormValuesSchema,
  photos: z.array(draftPhotoSchema),
  error: z
    .object({
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
});
export type ReportDraft = z.infer<typeof reportDraftSchema>;

export function draftStorageKey(userId: string): string {
  return `jf.reportDraft.${userId}`;
}

export interface DraftStore {
  load(userId: string): ReportDraft | undefined;
  save(draft: ReportDraft): void;
  clear(userId: string): void;
}

/** One draft per signed-in user, as JSON in the app's key-value storage; an unreadable one is dropped. */
export function createDraftStore(store: KeyValueStore): DraftStore {
  return {
    load(userId) {
      const raw = store.get(draftStorageKey(userId));
      if (!raw) return undefined;
      try {
        const parsed = reportDraftSchema.safeParse(JSON.parse(raw));
        if (parsed.success && parsed.data.userId === userId) return parsed.data;
      } catch {
        // fall through: not JSON
      }
      store.remove(draftStorageKey(userId));
      return undefined;
    },
    save(draft) {
      store.set(draftStorageKey(draft.userId), JSON.stringify(draft));
    },
    clear(userId) {
      store.remove(draftStorageKey(userId));
    },
  };
}

const keyAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `rpt_<time36>_<20 random>`: valid for idempotencyKeySchema, unique per device and draft. */
export function newIdempotencyKey(now: number = Date.now(), random: () => number = Math.random): string {
  let suffix = '';
  for (let i = 0; i < 20; i += 1) suffix += keyAlphabet[Math.floor(random() * keyAlphabet.length)];
  return `rpt_${now.toString(36)}_${suffix}`;
}

export function newDraft(input: {
  userId: string;
  values: ReportFormValues;
  photos: DraftPhoto[];
  now?: Date;
  key?: string;
}): ReportDraft {
  const now = input.now ?? new Date();
  return {
    version: 1,
    userId: input.userId,
    idempotencyKey: input.key ?? newIdempotencyKey(now.getTime()),
    createdAt: now.toISOString(),
    state: 'sending',
    attempts: 0,
    values: input.values,
    photos: input.photos,
  };
}

/** A locked draft may only be retried as it is (or discarded); an invalid one may be edited and re-sent. */
export function isDraftEditable(draft: ReportDraft | undefined): boolean {
  return !draft || draft.state === 'invalid';
}

/** Whether opening the page (or the network coming back) should retry the draft by itself. */
export function shouldAutoRetry(draft: ReportDraft | undefined): boolean {
  return !!draft && (draft.state === 'sending' || draft.state === 'failed');
}

/**
 * What a failed attempt means for the draft:
 * - `retry`: keep it locked, retry with the same key (network, timeout, 5xx, 503, 429, an unreadable 2xx).
 * - `wait`: the first attempt is still being processed (409): wait a little and retry by itself.
 * - `invalid`: the BFF refused the content; nothing was created; show the errors, let the resident edit.
 * - `auth`: the session ended; keep the draft for after signing in again.
 */
export type FailureKind = 'retry' | 'wait' | 'invalid' | 'auth';

export function classifyFailure(error: Pick<ApiError, 'code' | 'status'>): FailureKind {
  if (error.code === 'unauthenticated' || error.code === 'token_expired') return 'auth';
  if (error.code === 'conflict' || error.status === 409) return 'wait';
  if (error.code === 'network' || error.status === 0) return 'retry';
  if (error.status >= 500 || error.code === 'rate_limited' || error.code === 'dependency_unavailable')
    return 'retry';
  // A 2xx the client could not read may still mean a ticket was made: only a retry with the key tells.
  if (error.code === 'bad_response' && error.status >= 200 && error.status < 300) return 'retry';
  return 'invalid';
}

/** How long to wait before retrying a 409: the BFF's `retryAfterSeconds` hint, 1–30 s, else 2 s. */
export function conflictDelayMs(details: unknown): number {
  const hint =
    details && typeof details === 'object' && 'retryAfterSeconds' in details
      ? Number((details as { retryAfterSeconds: unknown }).retryAfterSeconds)
      : NaN;
  const seconds = Number.isFinite(hint) ? Math.min(30, Math.max(1, hint)) : 2;
  return seconds * 1000;
}

/** How many times one submission waits out a 409 before leaving the draft for a later retry. */
export const maxConflictWaits = 5;
