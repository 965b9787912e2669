import {
  registerDeviceRequestSchema,
  updateDeviceRequestSchema,
  type Device,
  type DeviceType,
  type NoiseZoneClass,
  type RegisterDeviceRequest,
  type UpdateDeviceRequest,
} from '@jiefang/contracts';
import { t, type MessageKey } from '../i18n';

/** The register / edit form's values; empty strings and unset numbers are "not given". */
export interface DeviceFormValues {
  id?: string;
  type?: DeviceType;
  street?: string;
  lat?: number | null;
  lng?: number | null;
  zoneClass?: NoiseZoneClass | null;
  householdId?: string;
  building?: string;
  site?: string;
  disabled?: boolean;
}

export interface FieldIssue {
  name: keyof DeviceFormValues;
  errors: string[];
}

const text = (value: string | undefined) => (value === undefined ? undefined : value.trim() || undefined);

/** Field errors from zod issues (or the BFF's `details: [{ path, message }]`), one entry per field. */
export function fieldIssues(issues: readonly { path: readonly PropertyKey[] | string; message: string }[]) {
  const byField = new Map<string, string[]>();
  for (const issue of issues) {
    const path = typeof issue.path === 'string' ? issue.path : issue.path.map(String).join('.');
    const name = path.split('.')[0] ?? '';
    byField.set(name, [...(byField.get(name) ?? []), issue.message]);
  }
  return [...byField].map(([name, errors]) => ({ name, errors }) as FieldIssue);
}

const fieldMessages: Partial<Record<keyof DeviceFormValues, MessageKey>> = {
  id: 'device.errorId',
  type: 'device.errorType',
  street: 'device.errorStreet',
  lat: 'device.errorLat',
  lng: 'device.errorLng',
  zoneClass: 'device.errorZoneClass',
  householdId: 'device.errorHousehold',
  building: 'device.errorText',
  site: 'device.errorText',
};

/** The contract's checks say what is wrong in English or in general terms: say it per field, in Chinese. */
function localise(issues: FieldIssue[]): FieldIssue[] {
  return issues.map((issue) => {
    const key = fieldMessages[issue.name];
    return key ? { name: issue.name, errors: [t(key)] } : issue;
  });
}

/**
 * The register request for the form, keeping only what fits the type: a zone class for noise meters,
 * a household for detectors. Checked against the contract, so the BFF's rules show on the form at once.
 */
export function buildRegisterRequest(
  values: DeviceFormValues,
): { ok: true; request: RegisterDeviceRequest } | { ok: false; issues: FieldIssue[] } {
  const noise = values.type === 'noise_meter';
  const candidate = {
    id: text(values.id),
    type: values.type,
    street: text(values.street),
    lat: values.lat ?? undefined,
    lng: values.lng ?? undefined,
    zoneClass: noise ? (values.zoneClass ?? undefined) : undefined,
    householdId: noise ? undefined : text(values.householdId),
    building: text(values.building),
    site: text(values.site),
  };
  const parsed = registerDeviceRequestSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, request: parsed.data };
  // The contract checks the type's own field only once the rest is valid: say everything at once.
  const issues: { path: string; message: string }[] = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  if (candidate.type && noise && !candidate.zoneClass) issues.push({ path: 'zoneClass', message: '' });
  if (candidate.type && !noise && !candidate.householdId) issues.push({ path: 'householdId', message: '' });
  return { ok: false, issues: localise(fieldIssues(issues)) };
}

/** The form's initial values for editing a device. */
export function editValues(device: Device): DeviceFormValues {
  return {
    street: device.streetId,
    lat: device.location.lat,
    lng: device.location.lng,
    zoneClass: device.zoneClass,
    householdId: device.householdId ?? '',
    building: device.building ?? '',
    site: device.site ?? '',
    disabled: device.disabled,
  };
}

/**
 * Only what changed, as `PATCH /api/devices/:id` wants it; `{}` when nothing did. Text cleared on the
 * form is sent as an empty string (the contract allows it for building and site).
 */
export function deviceUpdateDiff(device: Device, values: DeviceFormValues): UpdateDeviceRequest {
  const diff: UpdateDeviceRequest = {};
  const street = text(values.street);
  if (street && street !== device.streetId && street !== device.streetName) diff.street = street;
  if (values.lat !== undefined && values.lat !== null && values.lat !== device.location.lat)
    diff.lat = values.lat;
  if (values.lng !== undefined && values.lng !== null && values.lng !== device.location.lng)
    diff.lng = values.lng;
  if (device.type === 'noise_meter' && values.zoneClass && values.zoneClass !== device.zoneClass) {
    diff.zoneClass = values.zoneClass;
  }
  const household = text(values.householdId);
  if (device.type !== 'noise_meter' && household && household !== device.householdId)
    diff.householdId = household;
  const building = values.building?.trim() ?? '';
  if (values.building !== undefined && building !== (device.building ?? '')) diff.building = building;
  const site = values.site?.trim() ?? '';
  if (values.site !== undefined && site !== (device.site ?? '')) diff.site = site;
  if (values.disabled !== undefined && values.disabled !== device.disabled) diff.disabled = values.disabled;
  return diff;
}

/** Checks a diff against the contract (lengths, household format). */
export function checkUpdate(diff: UpdateDeviceRequest): FieldIssue[] {
  const parsed = updateDeviceRequestSchema.safeParse(diff);
  return parsed.success ? [] : localise(fieldIssues(parsed.error.issues));
}

/** Field errors the BFF sent back: `details: [{ path, message }]` (validation) or `{ field }` (conflict). */
export function serverFieldIssues(details: unknown, message: string): FieldIssue[] {
  // The BFF sends 400 field errors as `{ fields: [{ path, message }] }`.
  const fields =
    typeof details === 'object' && details !== null && Array.isArray((details as { fields?: unknown }).fields)
      ? (details as { fields: unknown[] }).fields
      : details;
  if (Array.isArray(fields)) {
    const issues = fields.filter(
      (item): item is { path: string; message: string } =>
        typeof item === 'object' &&
        item !== null &&
        typeof (item as { path?: unknown }).path === 'string' &&
        typeof (item as { message?: unknown }).message === 'string',
    );
    return fieldIssues(issues).filter((issue) => issue.name);
  }
  if (typeof details === 'object' && details !== null) {
    const field = (details as { field?: unknown }).field;
    if (typeof field === 'string' && field)
      return [{ name: field as keyof DeviceFormValues, errors: [message] }];
  }
  return [];
}
