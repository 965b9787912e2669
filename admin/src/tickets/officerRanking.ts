import { metersBetween, type LatLng, type OfficerSummary } from '@jiefang/contracts';

export interface RankedOfficer {
  officer: OfficerSummary;
  /** From the officer's last position to the ticket; null without a position. */
  distanceMeters: number | null;
  /** How old the last position is; null without one. */
  locationAgeMs: number | null;
  /** No spare capacity left. */
  full: boolean;
}

/** Why assigning this officer deserves a second thought: off duty, off the shift on now, or both. */
export type AssignmentWarning = 'offDuty' | 'offShift' | 'offDutyAndShift';

export function assignmentWarning(
  officer: Pick<OfficerSummary, 'onDuty' | 'onShift'>,
): AssignmentWarning | null {
  const offShift = officer.onShift === false;
  if (!officer.onDuty && offShift) return 'offDutyAndShift';
  if (!officer.onDuty) return 'offDuty';
  return offShift ? 'offShift' : null;
}

/**
 * The officer list for a manual assignment, best candidates first: on the shift on now (or in a squad
 * without a roster), then on duty, then with a known position, nearest first, then the lighter workload,
 * then by name. Officers off shift or off duty are still offered last (a dispatcher may need to call
 * someone in), and the dialog warns before assigning one (`assignmentWarning`).
 */
export function rankOfficers(
  officers: readonly OfficerSummary[],
  point: LatLng,
  now: number,
): RankedOfficer[] {
  const ranked = officers.map((officer) => {
    const location = officer.location;
    const at = location ? Date.parse(location.at) : NaN;
    return {
      officer,
      distanceMeters: location ? metersBetween(location, point) : null,
      locationAgeMs: Number.isFinite(at) ? Math.max(0, now - at) : null,
      full: officer.activeTickets >= officer.capacity,
    };
  });
  return ranked.sort((a, b) => {
    const offShift = (entry: RankedOfficer) => entry.officer.onShift === false;
    if (offShift(a) !== offShift(b)) return offShift(a) ? 1 : -1;
    if (a.officer.onDuty !== b.officer.onDuty) return a.officer.onDuty ? -1 : 1;
    if ((a.distanceMeters === null) !== (b.distanceMeters === null))
      return a.distanceMeters === null ? 1 : -1;
    if (a.distanceMeters !== null && b.distanceMeters !== null && a.distanceMeters !== b.distanceMeters) {
      return a.distanceMeters - b.distanceMeters;
    }
    if (a.officer.activeTickets !== b.officer.activeTickets)
      return a.officer.activeTickets - b.officer.activeTickets;
    return a.officer.name.localeCompare(b.officer.name, 'zh-CN');
  });
}
