import type { ReportSubmission } from '@jiefang/contracts';
import { ApiError } from '../../api/client';
import { t } from '../../i18n';
import {
  classifyFailure,
  conflictDelayMs,
  maxConflictWaits,
  type DraftStore,
  type FailureKind,
  type FieldErrors,
  type ReportDraft,
} from './draft';
import { fieldErrorsFromApi } from './form';
import type { UploadProgress } from './labels';

/** A kept photo that can no longer be read (cleared by the system, or H5 storage unavailable). */
export class PhotoUnavailableError extends Error {
  override name = 'PhotoUnavailableError';
}

export type SubmitResult =
  | { kind: 'done'; submission: ReportSubmission }
  | {
      kind: 'failed';
      failure: FailureKind;
      draft: ReportDraft;
      message: string;
      fieldErrors: FieldErrors;
    };

export interface SubmitterDeps {
  drafts: DraftStore;
  /** Sends the draft once (multipart, with its Idempotency-Key); rejects with an ApiError. */
  send(draft: ReportDraft, onProgress: (progress: UploadProgress) => void): Promise<ReportSubmission>;
  sleep(ms: number): Promise<void>;
  now(): Date;
}

export interface Submitter {
  /**
   * Sends a draft until it is answered: a ticket (the draft is cleared), or a failure that leaves the
   * draft stored for a retry with the same key. A 409 (the first attempt is still being processed) is
   * waited out here. Calls for a draft already being sent join the running attempt.
   */
  submit(draft: ReportDraft, onProgress?: (progress: UploadProgress) => void): Promise<SubmitResult>;
  isSending(key: string): boolean;
}

export function createSubmitter(deps: SubmitterDeps): Submitter {
  const running = new Map<string, Promise<SubmitResult>>();

  const run = async (
    initial: ReportDraft,
    onProgress: (progress: UploadProgress) => void,
  ): Promise<SubmitResult> => {
    let draft: ReportDraft = { ...initial, state: 'sending' };
    delete draft.error;
    let waits = 0;
    for (;;) {
      draft = { ...draft, attempts: draft.attempts + 1, lastAttemptAt: deps.now().toISOString() };
      // Stored before the request leaves, so that a crash or a lost answer still leaves the key behind.
      deps.drafts.save(draft);
      try {
        const submission = await deps.send(draft, onProgress);
        deps.drafts.clear(draft.userId);
        onProgress({ stage: 'done' });
        return { kind: 'done', submission };
      } catch (error) {
        if (error instanceof PhotoUnavailableError) {
          const fieldErrors: FieldErrors = { photos: t('report.error.photoLost') };
          draft = {
            ...draft,
            state: 'invalid',
            error: { message: fieldErrors.photos!, fields: fieldErrors },
          };
          deps.drafts.save(draft);
          return { kind: 'failed', failure: 'invalid', draft, message: fieldErrors.photos!, fieldErrors };
        }
        const apiError =
          error instanceof ApiError ? error : new ApiError('network', t('error.network'), 0, undefined);
        const failure = classifyFailure(apiError);
        if (failure === 'wait' && waits < maxConflictWaits) {
          waits += 1;
          onProgress({ stage: 'waiting' });
          await deps.sleep(conflictDelayMs(apiError.details));
          continue;
        }
        if (failure === 'invalid') {
          const fieldErrors = fieldErrorsFromApi(apiError);
          draft = { ...draft, state: 'invalid', error: { message: apiError.message, fields: fieldErrors } };
          deps.drafts.save(draft);
          return { kind: 'failed', failure, draft, message: apiError.message, fieldErrors };
        }
        const message = failure === 'wait' ? t('report.draft.stillProcessing') : apiError.message;
        draft = { ...draft, state: 'failed', error: { message } };
        deps.drafts.save(draft);
        return { kind: 'failed', failure, draft, message, fieldErrors: {} };
      }
    }
  };

  return {
    submit(draft, onProgress = () => undefined) {
      const key = draft.idempotencyKey;
      const existing = running.get(key);
      if (existing) return existing;
      const promise = run(draft, onProgress).finally(() => running.delete(key));
      running.set(key, promise);
      return promise;
    },
    isSending: (key) => running.has(key),
  };
}
