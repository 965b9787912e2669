import {
  createEscortRequestSchema,
  type CreateEscortRequest,
  type Elder,
  type EscortService,
  type EscortServiceType,
} from '@jiefang/contracts';
import { fieldErrorSchema } from '@jiefang/contracts';
import { t, type PlainMessageKey } from '../../i18n';
import { checkWindow, parseClock, startChoices, toBeijingIso } from './time';

/** 预约陪护 in a few large-text steps. */
export const bookingSteps = ['service', 'when', 'where', 'confirm'] as const;
export type BookingStep = (typeof bookingSteps)[number];

export interface BookingValues {
  elderId: string | null;
  serviceType: EscortServiceType | null;
  /** Beijing day `YYYY-MM-DD`. */
  day: string | null;
  /** Beijing clock time `HH:MM`. */
  time: string | null;
  durationMinutes: number | null;
  pickupAddress: string;
  destination: string;
  hospital: string;
  department: string;
  notes: string;
}

export const emptyBooking: BookingValues = {
  elderId: null,
  serviceType: null,
  day: null,
  time: null,
  durationMinutes: null,
  pickupAddress: '',
  destination: '',
  hospital: '',
  department: '',
  notes: '',
};

export type BookingField =
  | 'elderId'
  | 'serviceType'
  | 'duration'
  | 'day'
  | 'time'
  | 'window'
  | 'pickupAddress'
  | 'destination'
  | 'hospital'
  | 'department'
  | 'notes'
  | 'form';

export type BookingErrors = Partial<Record<BookingField, string>>;

/** Which step shows each field (where a field error sends the family back to). */
export const stepOfField: Record<BookingField, BookingStep> = {
  elderId: 'service',
  serviceType: 'service',
  duration: 'when',
  day: 'when',
  time: 'when',
  window: 'when',
  pickupAddress: 'where',
  destination: 'where',
  hospital: 'where',
  department: 'where',
  notes: 'where',
  form: 'confirm',
};

export const textLimits = {
  pickupAddress: 120,
  destination: 120,
  hospital: 60,
  department: 40,
  notes: 300,
} as const;

export type PlaceField = 'pickupAddress' | 'destination' | 'hospital' | 'department';

export interface PlaceFieldSpec {
  field: PlaceField;
  label: PlainMessageKey;
  placeholder: PlainMessageKey;
  /** The short name on the confirmation and detail rows. */
  short: PlainMessageKey;
  required: boolean;
}

/**
 * The 地点 step's fields for a service: a hospital escort needs the hospital (and where to fetch the
 * elder); medicine pickup where to get the medicine and where to bring it; a home visit the address; a
 * companion call is by phone and needs no place.
 */
export function placeFields(type: EscortServiceType | null): PlaceFieldSpec[] {
  switch (type) {
    case 'hospital_escort':
      return [
        {
          field: 'hospital',
          label: 'escort.book.hospital',
          short: 'escort.field.hospital',
          placeholder: 'escort.book.hospital.placeholder',
          required: true,
        },
        {
          field: 'department',
          label: 'escort.book.department',
          short: 'escort.field.department',
          placeholder: 'escort.book.department.placeholder',
          required: false,
        },
        {
          field: 'pickupAddress',
          label: 'escort.book.pickup.hospital',
          short: 'escort.field.pickup',
          placeholder: 'escort.book.pickup.placeholder',
          required: false,
        },
      ];
    case 'medicine_pickup':
      return [
        {
          field: 'destination',
          label: 'escort.book.medicineFrom',
          short: 'escort.field.destination',
          placeholder: 'escort.book.medicineFrom.placeholder',
          required: true,
        },
        {
          field: 'pickupAddress',
          label: 'escort.book.medicineTo',
          short: 'escort.field.deliverTo',
          placeholder: 'escort.book.pickup.placeholder',
          required: false,
        },
      ];
    case 'home_visit':
      return [
        {
          field: 'pickupAddress',
          label: 'escort.book.visitAddress',
          short: 'escort.field.visitAddress',
          placeholder: 'escort.book.pickup.placeholder',
          required: false,
        },
      ];
    case 'companion_call':
    case null:
      return [];
  }
}

const requiredMessage: Record<PlaceField, PlainMessageKey> = {
  hospital: 'escort.error.hospital',
  destination: 'escort.error.medicineFrom',
  pickupAddress: 'escort.error.pickupAddress',
  department: 'escort.error.department',
};

const tooLongMessage: Record<PlaceField | 'notes', PlainMessageKey> = {
  hospital: 'escort.error.tooLong.hospital',
  destination: 'escort.error.tooLong.place',
  pickupAddress: 'escort.error.tooLong.place',
  department: 'escort.error.tooLong.department',
  notes: 'escort.error.tooLong.notes',
};

export interface BookingContext {
  services: readonly EscortService[];
  elders: readonly Pick<Elder, 'id'>[];
  now: number;
}

/** The booked window as ISO 8601 with +08:00, when day, time and duration are all chosen. */
export function bookingWindow(
  values: Pick<BookingValues, 'day' | 'time' | 'durationMinutes'>,
): { windowStart: string; windowEnd: string } | undefined {
  if (!values.day || !values.time || !values.durationMinutes) return undefined;
  const start = parseClock(values.time);
  if (start === undefined) return undefined;
  try {
    return {
      windowStart: toBeijingIso(values.day, start),
      windowEnd: toBeijingIso(values.day, start + values.durationMinutes),
    };
  } catch {
    return undefined;
  }
}

/** Checks one step before moving on (each step only its own fields). */
export function validateStep(
  step: BookingStep,
  values: BookingValues,
  context: BookingContext,
): BookingErrors {
  const errors: BookingErrors = {};
  if (step === 'service' || step === 'confirm') {
    if (!values.elderId || !context.elders.some((elder) => elder.id === values.elderId)) {
      errors.elderId = t('escort.error.elder');
    }
    if (!values.serviceType || !context.services.some((service) => service.type === values.serviceType)) {
      errors.serviceType = t('escort.error.service');
    }
  }
  if (step === 'when' || step === 'confirm') {
    if (!values.durationMinutes) errors.duration = t('escort.error.duration');
    if (!values.day) errors.day = t('escort.error.day');
    else if (!values.time) errors.time = t('escort.error.time');
    const window = bookingWindow(values);
    if (window && values.day && values.durationMinutes) {
      const checked = checkWindow(window.windowStart, window.windowEnd, context.now);
      if (!checked.ok) errors.window = checked.message;
      else if (
        !startChoices(values.day, values.durationMinutes, context.now).some((c) => c.time === values.time)
      ) {
        errors.window = t('escort.error.serviceHours');
      }
    }
  }
  if (step === 'where' || step === 'confirm') {
    for (const spec of placeFields(values.serviceType)) {
      const value = values[spec.field].trim();
      if (spec.required && value === '') errors[spec.field] = t(requiredMessage[spec.field]);
      else if (value.length > textLimits[spec.field]) errors[spec.field] = t(tooLongMessage[spec.field]);
    }
    if (values.notes.trim().length > textLimits.notes) errors.notes = t(tooLongMessage.notes);
  }
  return errors;
}

/** The first step that has an error, so the family is taken back there. */
export function firstStepWithError(errors: BookingErrors): BookingStep | undefined {
  const steps = (Object.keys(errors) as BookingField[])
    .filter((field) => errors[field])
    .map((field) => stepOfField[field]);
  return bookingSteps.find((step) => steps.includes(step));
}

/** Maps a contract path (`windowStart`, `hospital`…) to the field that shows its message. */
export function fieldOfPath(path: string): BookingField {
  const head = path.split('.')[0] ?? '';
  switch (head) {
    case 'elderId':
      return 'elderId';
    case 'serviceType':
      return 'serviceType';
    case 'windowStart':
    case 'windowEnd':
      return 'window';
    case 'pickupAddress':
    case 'destination':
    case 'hospital':
    case 'department':
    case 'notes':
      return head;
    default:
      return 'form';
  }
}

const fallbackMessage: Record<BookingField, PlainMessageKey> = {
  elderId: 'escort.error.elder',
  serviceType: 'escort.error.service',
  duration: 'escort.error.duration',
  day: 'escort.error.day',
  time: 'escort.error.time',
  window: 'escort.error.window',
  pickupAddress: 'escort.error.tooLong.place',
  destination: 'escort.error.tooLong.place',
  hospital: 'escort.error.hospital',
  department: 'escort.error.tooLong.department',
  notes: 'escort.error.tooLong.notes',
  form: 'escort.error.form',
};

/** A message written for people (Chinese) is shown as is; a technical one gets the field's own wording. */
function readable(field: BookingField, message: string | undefined): string {
  return message && /[\u4e00-\u9fff]/.test(message) ? message : t(fallbackMessage[field]);
}

/** Per-field errors from the BFF's 400 `details.fields[{ path, message }]` (or a zod issue list). */
export function errorsFromFields(details: unknown): BookingErrors {
  const list =
    details && typeof details === 'object' && 'fields' in details
      ? (details as { fields: unknown }).fields
      : details;
  const errors: BookingErrors = {};
  if (!Array.isArray(list)) return errors;
  for (const item of list) {
    const parsed = fieldErrorSchema.safeParse(item);
    if (!parsed.success) continue;
    const field = fieldOfPath(parsed.data.path);
    errors[field] ??= readable(field, parsed.data.message);
  }
  return errors;
}

export type BuiltRequest = { ok: true; request: CreateEscortRequest } | { ok: false; errors: BookingErrors };

/** The POST /api/escorts body, checked with the contract's own schema. */
export function buildEscortRequest(values: BookingValues, context: BookingContext): BuiltRequest {
  const errors = validateStep('confirm', values, context);
  const window = bookingWindow(values);
  if (Object.keys(errors).length > 0 || !window || !values.elderId || !values.serviceType) {
    return { ok: false, errors: Object.keys(errors).length > 0 ? errors : { form: t('escort.error.form') } };
  }
  const wanted = new Set<string>(placeFields(values.serviceType).map((spec) => spec.field));
  const optional = (field: PlaceField | 'notes') => {
    if (field !== 'notes' && !wanted.has(field)) return undefined;
    const value = values[field].trim();
    return value === '' ? undefined : value;
  };
  const candidate = {
    elderId: values.elderId,
    serviceType: values.serviceType,
    windowStart: window.windowStart,
    windowEnd: window.windowEnd,
    pickupAddress: optional('pickupAddress'),
    destination: optional('destination'),
    hospital: optional('hospital'),
    department: optional('department'),
    notes: optional('notes'),
  };
  const parsed = createEscortRequestSchema.safeParse(candidate);
  if (!parsed.success) {
    const issues: BookingErrors = {};
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(String(issue.path[0] ?? ''));
      issues[field] ??= readable(field, issue.message);
    }
    return { ok: false, errors: issues };
  }
  // Leave out the fields that are not set rather than sending `undefined`s.
  const request = Object.fromEntries(
    Object.entries(parsed.data).filter(([, value]) => value !== undefined),
  ) as CreateEscortRequest;
  return { ok: true, request };
}

/** What changes when a service is chosen: its usual length, and a time that no longer fits is dropped. */
export function chooseService(
  values: BookingValues,
  service: Pick<EscortService, 'type' | 'defaultMinutes'>,
  now: number,
): BookingValues {
  const durationMinutes =
    values.serviceType === service.type && values.durationMinutes
      ? values.durationMinutes
      : service.defaultMinutes;
  const next = { ...values, serviceType: service.type, durationMinutes };
  return keepFittingTime(next, now);
}

/** After the day or duration changed: keeps the chosen time only if it is still offered. */
export function keepFittingTime(values: BookingValues, now: number): BookingValues {
  if (!values.day || !values.time || !values.durationMinutes) return values;
  const fits = startChoices(values.day, values.durationMinutes, now).some(
    (choice) => choice.time === values.time,
  );
  return fits ? values : { ...values, time: null };
}

/**
 * The elder's home is the usual pickup: filled in when an elder is chosen, unless the family typed another
 * address (one that is not the previously chosen elder's home).
 */
export function chooseElder(
  values: BookingValues,
  elder: Pick<Elder, 'id' | 'address'>,
  previous?: Pick<Elder, 'address'>,
): BookingValues {
  const typed = values.pickupAddress.trim();
  const untouched = typed === '' || typed === (previous?.address ?? '').trim();
  return {
    ...values,
    elderId: elder.id,
    pickupAddress: untouched
      ? (elder.address ?? '').slice(0, textLimits.pickupAddress)
      : values.pickupAddress,
  };
}

const defaultShort: Record<PlaceField, PlainMessageKey> = {
  hospital: 'escort.field.hospital',
  department: 'escort.field.department',
  pickupAddress: 'escort.field.pickup',
  destination: 'escort.field.destination',
};

/** The short name of a place field for a service (药送到哪里 reads 送药地址, not 接送地址). */
export function placeLabel(type: EscortServiceType, field: PlaceField): string {
  return t(placeFields(type).find((spec) => spec.field === field)?.short ?? defaultShort[field]);
}
