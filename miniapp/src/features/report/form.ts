import { createReportFieldsSchema, photoLimits, type CreateReportFields } from '@jiefang/contracts';
import type { ApiError } from '../../api/client';
import { t } from '../../i18n';
import { roundCoordinate } from '@jiefang/contracts';
import type { FieldErrors, FormField, ReportFormValues } from './draft';

export const maxPhotos = photoLimits.maxCount;
export const minPhotos = photoLimits.minCount;
export const maxPhotoBytes = photoLimits.maxBytes;
export const maxDescription = 500;
export const maxAddress = 200;
export const acceptedPhotoTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** The report's fields as POST /api/reports takes them (its photos are named separately, by id). */
export type FormValidation = { ok: true; report: CreateReportFields } | { ok: false; errors: FieldErrors };

/** Characters counted the way the contract's `max(500)` counts them (UTF-16 units, after trimming). */
export function descriptionLength(description: string): number {
  return description.trim().length;
}

function fieldOfPath(path: string): FormField {
  const head = path.split('.')[0] ?? '';
  if (head === 'photos') return 'photos';
  if (head === 'category') return 'category';
  if (head === 'lat' || head === 'lng' || head === 'accuracy') return 'location';
  if (head === 'description') return 'description';
  if (head === 'address') return 'address';
  return 'form';
}

const fallbackMessage: Record<FormField, () => string> = {
  photos: () => t('report.error.photos'),
  category: () => t('report.error.category'),
  location: () => t('report.error.location'),
  description: () => t('report.error.description'),
  address: () => t('report.error.address'),
  form: () => t('report.error.form'),
};

/** A message written for people (Chinese) is shown as is; a technical one gets the field's own wording. */
function readable(field: FormField, message: string | undefined): string {
  return message && /[\u4e00-\u9fff]/.test(message) ? message : fallbackMessage[field]();
}

/** Checks the form with the contract's own schema before anything is stored or sent. */
export function validateReportForm(values: ReportFormValues, photoCount: number): FormValidation {
  const errors: FieldErrors = {};
  if (photoCount < minPhotos) errors.photos = t('report.error.photosRequired');
  else if (photoCount > maxPhotos) errors.photos = t('report.error.photosTooMany', { max: maxPhotos });
  if (!values.category) errors.category = t('report.error.category');
  if (!values.location) errors.location = t('report.error.locationRequired');
  // A street's centre is only a rough point: the officer needs the address to find the place.
  if (values.location?.source === 'street' && values.address.trim() === '')
    errors.address = t('report.error.addressForStreet');

  const location = values.location;
  const candidate: Record<string, string> = {
    category: values.category ?? '',
    lat: location ? String(roundCoordinate(location.lat)) : '',
    lng: location ? String(roundCoordinate(location.lng)) : '',
    address: values.address,
    description: values.description,
    anonymous: values.anonymous ? 'true' : 'false',
  };
  if (location?.accuracy !== undefined) candidate.accuracy = String(Math.round(location.accuracy));

  const parsed = createReportFieldsSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(String(issue.path[0] ?? ''));
      errors[field] ??= readable(field, issue.message);
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, report: parsed.data };
}

/** The photo number (1-based) in a path such as `photos.2`, if any. */
function photoNumber(path: string): number | undefined {
  const match = /^photos\.(\d+)$/.exec(path);
  return match ? Number(match[1]) + 1 : undefined;
}

/**
 * Where to show a refused submission's errors: 400 `details.fields[]` by path, 413/415
 * `details.field` (`photos.<index>`) on the photos, anything else at the top of the form.
 */
export function fieldErrorsFromApi(error: Pick<ApiError, 'status' | 'message' | 'details'>): FieldErrors {
  const errors: FieldErrors = {};
  const details = error.details as { fields?: unknown; field?: unknown } | undefined;
  const list = details && Array.isArray(details.fields) ? details.fields : [];
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const { path, message } = item as { path?: unknown; message?: unknown };
    const field = fieldOfPath(typeof path === 'string' ? path : '');
    errors[field] ??=
      field === 'photos' ? error.message : readable(field, typeof message === 'string' ? message : undefined);
  }
  if (details && typeof details.field === 'string') {
    const field = fieldOfPath(details.field);
    const number = photoNumber(details.field);
    errors[field] ??= number
      ? t('report.error.photoNumbered', { n: number, message: error.message })
      : error.message;
  }
  if (Object.keys(errors).length === 0) errors.form = error.message;
  return errors;
}

/** Checks one picked photo before it joins the form. */
export function photoProblem(photo: { size: number; contentType: string }): string | undefined {
  if (!(acceptedPhotoTypes as readonly string[]).includes(photo.contentType))
    return t('report.error.photoType');
  if (photo.size > maxPhotoBytes) return t('report.error.photoSize');
  if (photo.size === 0) return t('report.error.photoEmpty');
  return undefined;
}

/** Longest edge of a photo after shrinking: plenty to see a pothole, far below the 10 MB limit. */
export const photoMaxEdge = 1600;
const keepAsIsBytes = 500 * 1024;

/**
 * How to shrink a chosen photo (H5; the mini-program asks chooseMedia for `compressed`): nothing when it is
 * small already, else a JPEG whose longest edge is at most 1600 px.
 */
export function compressionPlan(photo: {
  size: number;
  width: number;
  height: number;
}): { width: number; height: number; quality: number } | null {
  const longest = Math.max(photo.width, photo.height);
  if (longest <= 0) return null;
  if (photo.size <= keepAsIsBytes && longest <= photoMaxEdge) return null;
  const scale = Math.min(1, photoMaxEdge / longest);
  return {
    width: Math.max(1, Math.round(photo.width * scale)),
    height: Math.max(1, Math.round(photo.height * scale)),
    quality: 0.82,
  };
}
