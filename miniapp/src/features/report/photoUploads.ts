import type { ApiError } from '../../api/client';
import type { ReportDraft } from './draft';

/** The draft with photo `index` remembered as uploaded under `id`. */
export function withUploadedId(draft: ReportDraft, index: number, id: string): ReportDraft {
  return {
    ...draft,
    photos: draft.photos.map((photo, i) => (i === index ? { ...photo, uploadedId: id } : photo)),
  };
}

/** The draft with these photos' upload ids forgotten, so that the next attempt uploads them again. */
export function withoutUploadedIds(draft: ReportDraft, indexes: readonly number[]): ReportDraft {
  return {
    ...draft,
    photos: draft.photos.map((photo, i) => {
      if (!indexes.includes(i)) return photo;
      const { uploadedId: _forgotten, ...rest } = photo;
      return rest;
    }),
  };
}

/** The ids to name in the report, in photo order, once every photo has one. */
export function uploadedPhotoIds(draft: ReportDraft): string[] | undefined {
  const ids = draft.photos.map((photo) => photo.uploadedId);
  return ids.every((id): id is string => id !== undefined) ? ids : undefined;
}

/**
 * The photos a 422 refused by id (`details.fields[].path` = `photoIds.<index>`): uploads that expired after
 * a day or were taken by another report. The ids are sent in photo order, so the index is the photo's.
 */
export function refusedPhotoIndexes(error: Pick<ApiError, 'status' | 'details'>): number[] {
  if (error.status !== 422) return [];
  const details = error.details as { fields?: unknown } | undefined;
  const fields = details && Array.isArray(details.fields) ? (details.fields as unknown[]) : [];
  return fields.flatMap((field) => {
    const path = field && typeof field === 'object' ? (field as { path?: unknown }).path : undefined;
    const match = typeof path === 'string' ? /^photoIds\.(\d+)$/.exec(path) : null;
    return match ? [Number(match[1])] : [];
  });
}
