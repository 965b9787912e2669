import {
  createElderRequestSchema,
  registerVolunteerRequestSchema,
  type CreateElderRequest,
  type ElderNeed,
  type RegisterVolunteerRequest,
  type Volunteer,
  type VolunteerSkill,
  type WeeklySlot,
} from '@jiefang/contracts';
import { t, type PlainMessageKey } from '../../i18n';
import { roundCoordinate } from '@jiefang/contracts';
import { parseClock } from './time';

/** A place on the map in WGS-84, and how it was found (for the words shown next to it). */
export interface PlacePoint {
  lat: number;
  lng: number;
  source: 'gps' | 'map' | 'street';
  label?: string;
}

type Errors<F extends string> = Partial<Record<F, string>>;

/** A message written for people (Chinese) is shown as is; a technical one gets the field's own wording. */
function readable(message: string | undefined, fallback: PlainMessageKey): string {
  return message && /[\u4e00-\u9fff]/.test(message) ? message : t(fallback);
}

// ---- 添加老人 (a family member adds their elder) ----

export interface ElderFormValues {
  name: string;
  phone: string;
  address: string;
  location: PlacePoint | null;
  needs: ElderNeed[];
}

export const emptyElderForm: ElderFormValues = {
  name: '',
  phone: '',
  address: '',
  location: null,
  needs: [],
};

export type ElderField = 'name' | 'phone' | 'address' | 'location' | 'needs' | 'form';

const elderFallback: Record<ElderField, PlainMessageKey> = {
  name: 'escort.elder.error.name',
  phone: 'escort.elder.error.phone',
  address: 'escort.elder.error.address',
  location: 'escort.elder.error.location',
  needs: 'escort.error.form',
  form: 'escort.error.form',
};

function elderFieldOfPath(path: string): ElderField {
  const head = path.split('.')[0] ?? '';
  if (head === 'lat' || head === 'lng') return 'location';
  if (head === 'name' || head === 'phone' || head === 'address' || head === 'needs') return head;
  return 'form';
}

export type ElderValidation =
  { ok: true; request: CreateElderRequest } | { ok: false; errors: Errors<ElderField> };

/** Checks 添加老人 with the contract's schema; the home's point is required (volunteers are matched by it). */
export function validateElderForm(values: ElderFormValues): ElderValidation {
  const errors: Errors<ElderField> = {};
  if (!values.location) errors.location = t('escort.elder.error.location');
  const parsed = createElderRequestSchema.safeParse({
    name: values.name,
    phone: values.phone.replace(/\s/g, ''),
    address: values.address,
    lat: values.location ? roundCoordinate(values.location.lat) : undefined,
    lng: values.location ? roundCoordinate(values.location.lng) : undefined,
    needs: [...new Set(values.needs)],
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = elderFieldOfPath(String(issue.path[0] ?? ''));
      errors[field] ??= readable(issue.message, elderFallback[field]);
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, request: parsed.data };
}

/** Per-field errors of a refused POST /api/elders. */
export function elderErrorsFromFields(details: unknown): Errors<ElderField> {
  const errors: Errors<ElderField> = {};
  for (const { path, message } of fieldList(details)) {
    const field = elderFieldOfPath(path);
    errors[field] ??= readable(message, elderFallback[field]);
  }
  return errors;
}

function fieldList(details: unknown): Array<{ path: string; message: string }> {
  const list =
    details && typeof details === 'object' && 'fields' in details
      ? (details as { fields: unknown }).fields
      : details;
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown) => {
    if (!item || typeof item !== 'object') return [];
    const { path, message } = item as { path?: unknown; message?: unknown };
    return typeof path === 'string' && typeof message === 'string' ? [{ path, message }] : [];
  });
}

/** Toggles one value in a list (the chips of needs, skills, weekdays…). */
export function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((item) => item !== value) : [...list, value];
}

// ---- 志愿者登记 ----

/** Parts of the day a volunteer can offer; adjacent ones are merged into one slot. */
export const dayPeriods = {
  morning: { start: '07:00', end: '12:00' },
  afternoon: { start: '12:00', end: '18:00' },
  evening: { start: '18:00', end: '21:00' },
} as const;
export type DayPeriod = keyof typeof dayPeriods;
export const dayPeriodOrder: readonly DayPeriod[] = ['morning', 'afternoon', 'evening'];

/** Monday first, as calendars in China are read (0 = Sunday in the contract). */
export const weekdayOrder: readonly number[] = [1, 2, 3, 4, 5, 6, 0];

export const radiusChoices: readonly number[] = [1, 3, 5, 10];

export interface VolunteerFormValues {
  realName: string;
  phone: string;
  skills: VolunteerSkill[];
  streetId: string | null;
  /** The centre of the service area: the street's centre, or where the volunteer is. */
  centre: PlacePoint | null;
  radiusKm: number;
  weekdays: number[];
  periods: DayPeriod[];
}

export const emptyVolunteerForm: VolunteerFormValues = {
  realName: '',
  phone: '',
  skills: [],
  streetId: null,
  centre: null,
  radiusKm: 3,
  weekdays: [],
  periods: [],
};

/**
 * Weekly slots from the chosen days and parts of the day: one slot per day and run of adjacent parts
 * (上午+下午 → 07:00–18:00), days in contract order (Sunday 0 … Saturday 6).
 */
export function buildAvailability(weekdays: readonly number[], periods: readonly DayPeriod[]): WeeklySlot[] {
  const chosen = dayPeriodOrder.filter((period) => periods.includes(period));
  const runs: Array<{ start: string; end: string }> = [];
  for (const period of chosen) {
    const { start, end } = dayPeriods[period];
    const last = runs[runs.length - 1];
    if (last && last.end === start) last.end = end;
    else runs.push({ start, end });
  }
  const days = [...new Set(weekdays)].filter((day) => Number.isInteger(day) && day >= 0 && day <= 6);
  days.sort((a, b) => a - b);
  return days.flatMap((weekday) => runs.map((run) => ({ weekday, ...run })));
}

/** The form's days and parts of the day back from saved slots (a part counts if any slot covers it). */
export function availabilityToChoices(slots: readonly WeeklySlot[]): {
  weekdays: number[];
  periods: DayPeriod[];
} {
  const weekdays = [...new Set(slots.map((slot) => slot.weekday))].sort((a, b) => a - b);
  const periods = dayPeriodOrder.filter((period) => {
    const from = parseClock(dayPeriods[period].start) ?? 0;
    const to = parseClock(dayPeriods[period].end) ?? 0;
    return slots.some((slot) => {
      const start = parseClock(slot.start) ?? 0;
      const end = parseClock(slot.end) ?? 0;
      return start < to && end > from;
    });
  });
  return { weekdays, periods };
}

/** The registration form filled from an existing registration (to update it). */
export function volunteerToForm(volunteer: Volunteer): VolunteerFormValues {
  const { weekdays, periods } = availabilityToChoices(volunteer.availability);
  return {
    realName: volunteer.realName,
    phone: /[*＊]/.test(volunteer.phone) ? '' : volunteer.phone,
    skills: [...volunteer.skills],
    streetId: volunteer.serviceArea.streetId,
    centre: { lat: volunteer.serviceArea.lat, lng: volunteer.serviceArea.lng, source: 'street' },
    radiusKm: volunteer.serviceArea.radiusKm,
    weekdays,
    periods,
  };
}

export type VolunteerField =
  'realName' | 'phone' | 'skills' | 'street' | 'radiusKm' | 'weekdays' | 'periods' | 'availability' | 'form';

const volunteerFallback: Record<VolunteerField, PlainMessageKey> = {
  realName: 'escort.volunteer.error.realName',
  phone: 'escort.volunteer.error.phone',
  skills: 'escort.error.form',
  street: 'escort.volunteer.error.street',
  radiusKm: 'escort.volunteer.error.radius',
  weekdays: 'escort.volunteer.error.weekdays',
  periods: 'escort.volunteer.error.periods',
  availability: 'escort.volunteer.error.availability',
  form: 'escort.error.form',
};

function volunteerFieldOfPath(path: string): VolunteerField {
  const [head, sub] = path.split('.');
  if (head === 'realName' || head === 'phone' || head === 'skills' || head === 'availability') return head;
  if (head === 'serviceArea') return sub === 'radiusKm' ? 'radiusKm' : 'street';
  return 'form';
}

export type VolunteerValidation =
  { ok: true; request: RegisterVolunteerRequest } | { ok: false; errors: Errors<VolunteerField> };

/** Checks 志愿者登记 with the contract's schema; the street is sent by its id. */
export function validateVolunteerForm(values: VolunteerFormValues): VolunteerValidation {
  const errors: Errors<VolunteerField> = {};
  if (!values.streetId || !values.centre) errors.street = t('escort.volunteer.error.street');
  if (values.weekdays.length === 0) errors.weekdays = t('escort.volunteer.error.weekdays');
  if (values.periods.length === 0) errors.periods = t('escort.volunteer.error.periods');
  const parsed = registerVolunteerRequestSchema.safeParse({
    realName: values.realName,
    phone: values.phone.replace(/\s/g, ''),
    skills: [...new Set(values.skills)],
    serviceArea: {
      street: values.streetId ?? '',
      lat: values.centre ? roundCoordinate(values.centre.lat) : undefined,
      lng: values.centre ? roundCoordinate(values.centre.lng) : undefined,
      radiusKm: values.radiusKm,
    },
    availability: buildAvailability(values.weekdays, values.periods),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = volunteerFieldOfPath(issue.path.map(String).join('.'));
      // "at least one slot" is already said by the day/part errors.
      if (field === 'availability' && (errors.weekdays || errors.periods)) continue;
      errors[field] ??= readable(issue.message, volunteerFallback[field]);
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, request: parsed.data };
}

/** Per-field errors of a refused POST /api/volunteers/me. */
export function volunteerErrorsFromFields(details: unknown): Errors<VolunteerField> {
  const errors: Errors<VolunteerField> = {};
  for (const { path, message } of fieldList(details)) {
    const field = volunteerFieldOfPath(path);
    errors[field] ??= readable(message, volunteerFallback[field]);
  }
  return errors;
}

/** One saved slot as `周一 07:00–12:00`. */
export function slotLabel(slot: WeeklySlot, weekdayName: (weekday: number) => string): string {
  return `${weekdayName(slot.weekday)} ${slot.start}–${slot.end}`;
}
