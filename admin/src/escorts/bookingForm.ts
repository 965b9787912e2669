import {
  beijingDate,
  beijingIso,
  createEscortRequestSchema,
  escortServiceHours,
  type CreateEscortRequest,
  type EscortService,
  type EscortServiceType,
} from '@jiefang/contracts';
import { t } from '../i18n';
import { addMinutes, isClock, isDate } from './wallClock';
import { groupIssues, zodPathIssues, type GroupedIssues, type PathIssue } from './fieldErrors';

/** 代约陪护: what the worker fills in while the elder is on the phone. Times are Beijing wall-clock. */
export interface BookingFormValues {
  elderId?: string;
  serviceType?: EscortServiceType;
  /** `YYYY-MM-DD` */
  date?: string;
  /** `HH:MM` */
  startTime?: string;
  endTime?: string;
  hospital?: string;
  department?: string;
  pickupAddress?: string;
  destination?: string;
  notes?: string;
}
export type BookingField = keyof BookingFormValues;

export const bookingFields: readonly BookingField[] = [
  'elderId',
  'serviceType',
  'date',
  'startTime',
  'endTime',
  'hospital',
  'department',
  'pickupAddress',
  'destination',
  'notes',
];

/** Where a request path's problem shows on the form: the window's ends under their times. */
export function bookingFieldOf(path: string): BookingField | null {
  const head = path.split('.')[0] ?? '';
  if (head === 'windowStart') return 'startTime';
  if (head === 'windowEnd') return 'endTime';
  return (bookingFields as readonly string[]).includes(head) ? (head as BookingField) : null;
}

/** Hospital and department are asked for hospital escorts only. */
export const asksHospital = (type: EscortServiceType | undefined) => type === 'hospital_escort';

/** Pickup and destination matter when someone goes in person (not for a companion call). */
export function asksPlaces(type: EscortServiceType | undefined, services?: readonly EscortService[]) {
  if (!type) return true;
  const service = services?.find((item) => item.type === type);
  return service ? service.inPerson : type !== 'companion_call';
}

const maxLengths: Partial<Record<BookingField, number>> = {
  pickupAddress: 120,
  destination: 120,
  hospital: 60,
  department: 40,
  notes: 300,
};

const text = (value: string | undefined) => value?.trim() || undefined;

/** The end of a window starting at `start` that lasts the service's usual time, kept within service hours. */
export function suggestedEnd(start: string | undefined, minutes: number): string | undefined {
  if (!isClock(start)) return undefined;
  const end = addMinutes(start, minutes);
  if (!end || end > escortServiceHours.end)
    return start < escortServiceHours.end ? escortServiceHours.end : undefined;
  return end;
}

/** A fresh form: tomorrow (Beijing) from 09:00, for the elder picked on the elders page if any. */
export function initialBookingValues(now: number, elderId?: string, minutes = 120): BookingFormValues {
  return {
    ...(elderId ? { elderId } : {}),
    serviceType: 'hospital_escort',
    date: beijingDate(now + 24 * 60 * 60 * 1000),
    startTime: '09:00',
    endTime: suggestedEnd('09:00', minutes),
  };
}

export type BookingResult =
  { ok: true; request: CreateEscortRequest } | { ok: false; issues: GroupedIssues<BookingField> };

/**
 * The create request for the form: Beijing date and times as ISO 8601 with +08:00, only the fields the
 * service uses, checked against the contract and the BFF's booking rules (not in the past, within
 * 07:00–21:00) so most mistakes show before anything is sent. Overlaps are the BFF's to find.
 */
export function buildEscortRequest(
  values: BookingFormValues,
  now: number,
  services?: readonly EscortService[],
): BookingResult {
  const issues: PathIssue[] = [];
  const type = values.serviceType;
  if (!values.elderId) issues.push({ path: 'elderId', message: t('booking.errorElder') });
  if (!type) issues.push({ path: 'serviceType', message: t('booking.errorService') });
  if (!isDate(values.date)) issues.push({ path: 'date', message: t('booking.errorDate') });
  if (!isClock(values.startTime)) issues.push({ path: 'startTime', message: t('booking.errorStart') });
  if (!isClock(values.endTime)) issues.push({ path: 'endTime', message: t('booking.errorEnd') });

  let windowStart: string | undefined;
  let windowEnd: string | undefined;
  if (isDate(values.date) && isClock(values.startTime) && isClock(values.endTime)) {
    windowStart = beijingIso(values.date, values.startTime);
    windowEnd = beijingIso(values.date, values.endTime);
    if (values.endTime <= values.startTime) {
      issues.push({ path: 'endTime', message: t('booking.errorEndBeforeStart') });
    }
    const hours = t('booking.errorServiceHours', escortServiceHours);
    if (values.startTime < escortServiceHours.start) issues.push({ path: 'startTime', message: hours });
    if (values.endTime > escortServiceHours.end) issues.push({ path: 'endTime', message: hours });
    if (Date.parse(windowStart) <= now) issues.push({ path: 'startTime', message: t('booking.errorPast') });
  }

  const hospital = asksHospital(type);
  const places = asksPlaces(type, services);
  if (hospital && !text(values.hospital))
    issues.push({ path: 'hospital', message: t('booking.errorHospital') });

  const candidate = {
    elderId: values.elderId ?? '',
    serviceType: type,
    windowStart,
    windowEnd,
    pickupAddress: places ? text(values.pickupAddress) : undefined,
    destination: places ? text(values.destination) : undefined,
    hospital: hospital ? text(values.hospital) : undefined,
    department: hospital ? text(values.department) : undefined,
    notes: text(values.notes),
  };
  const parsed = createEscortRequestSchema.safeParse(candidate);
  // What the contract adds: lengths (the inputs cap them too) and anything newer than this form knows.
  const seen = new Set(issues.map((issue) => bookingFieldOf(issue.path)));
  if (!parsed.success) {
    for (const issue of zodPathIssues(parsed.error.issues)) {
      const field = bookingFieldOf(issue.path);
      if (field && seen.has(field)) continue;
      const max = field ? maxLengths[field] : undefined;
      issues.push({
        path: issue.path,
        message:
          max && candidate[field as keyof typeof candidate]
            ? t('booking.errorTooLong', { max })
            : issue.message,
      });
    }
  }
  if (issues.length > 0 || !parsed.success) {
    return { ok: false, issues: groupIssues(issues, bookingFieldOf) };
  }
  return { ok: true, request: parsed.data };
}
