import type { CreateReportFields, CreateReportRequest, ReportSubmission } from '@jiefang/contracts';
import { ApiError } from '../../api/client';
import { t } from '../../i18n';
import {
  classifyFailure,
  conflictDelayMs,
  maxConflictWaits,
  type DraftPhoto,
  type DraftStore,
  type FailureKind,
  type FieldErrors,
  type ReportDraft,
} from './draft';
import { fieldErrorsFromApi } from './form';
import type { UploadProgress } from './labels';
import { refusedPhotoIndexes, uploadedPhotoIds, withoutUploadedIds, withUploadedId } from './photoUploads';

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
  /** The draft's fields as the report sends them; throws a validation ApiError when they are not sendable. */
  reportOf(draft: ReportDraft): CreateReportFields;
  /** Uploads one photo (POST /api/photos) and gives its id; rejects with an ApiError or PhotoUnavailableError. */
  uploadPhoto(photo: DraftPhoto, onProgress: (sent: number, total: number) => void): Promise<string>;
  /** Sends the report once (JSON naming the photo ids, with its Idempotency-Key); rejects with an ApiError. */
  sendReport(report: CreateReportRequest, idempotencyKey: string): Promise<ReportSubmission>;
  sleep(ms: number): Promise<void>;
  now(): Date;
}

export interface Submitter {
  /**
   * Sends a draft until it is answered: a ticket (the draft is cleared), or a failure that leaves the
   * draft stored for a retry with the same key. Photos go first, one per request, each id stored in the
   * draft as it comes, so a retry uploads only what is missing. A 409 (the first attempt is still being
   * processed) is waited out here, and uploads the BFF no longer has (422 on `photoIds.N`) are sent again
   * once. Calls for a draft already being sent join the running attempt.
   */
  submit(draft: ReportDraft, onProgress?: (progress: UploadProgress) => void): Promise<SubmitResult>;
  isSending(key: string): boolean;
}

/** How many times one submission uploads refused photos again before leaving the draft for a later retry. */
const maxReuploads = 1;

export function createSubmitter(deps: SubmitterDeps): Submitter {
  const running = new Map<string, Promise<SubmitResult>>();

  /** Uploads one photo of `photos`; an error the BFF gives for its content names the photo. */
  const uploadPhoto = async (
    photo: DraftPhoto,
    index: number,
    photos: number,
    onProgress: (progress: UploadProgress) => void,
  ): Promise<string> => {
    try {
      return await deps.uploadPhoto(photo, (sent, total) =>
        onProgress({ stage: 'uploading', photo: index + 1, photos, sent, total }),
      );
    } catch (error) {
      if (!(error instanceof ApiError) || classifyFailure(error) !== 'invalid') throw error;
      throw new ApiError(error.code, error.message, error.status, { field: `photos.${index}` });
    }
  };

  const run = async (
    initial: ReportDraft,
    onProgress: (progress: UploadProgress) => void,
  ): Promise<SubmitResult> => {
    let draft: ReportDraft = { ...initial, state: 'sending' };
    delete draft.error;
    let waits = 0;
    let reuploads = 0;
    for (;;) {
      draft = { ...draft, attempts: draft.attempts + 1, lastAttemptAt: deps.now().toISOString() };
      // Stored before the request leaves, so that a crash or a lost answer still leaves the key behind.
      deps.drafts.save(draft);
      try {
        const report = deps.reportOf(draft);
        for (const [index, photo] of draft.photos.entries()) {
          if (photo.uploadedId) continue;
          const id = await uploadPhoto(photo, index, draft.photos.length, onProgress);
          draft = withUploadedId(draft, index, id);
          deps.drafts.save(draft); // stored at once: a retry uploads only the photos still missing
        }
        onProgress({ stage: 'submitting' });
        const photoIds = uploadedPhotoIds(draft) ?? [];
        const submission = await deps.sendReport({ ...report, photoIds }, draft.idempotencyKey);
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
        const refused = refusedPhotoIndexes(apiError);
        if (refused.length > 0) {
          // Nothing was created and the key was released: those photos are uploaded again under the same key.
          draft = withoutUploadedIds(draft, refused);
          deps.drafts.save(draft);
          if (reuploads < maxReuploads) {
            reuploads += 1;
            continue;
          }
        }
        const failure = refused.length > 0 ? 'retry' : classifyFailure(apiError);
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
