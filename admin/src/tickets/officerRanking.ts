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

/**
 * The officer list for a manual assignment, best candidates first: on duty, then with a known position,
 * nearest first, then the lighter workload, then by name. Officers off the current shift of a squad that
 * dispatches by roster are not offered.
 */
export function rankOfficers(
  officers: readonly OfficerSummary[],
  point: LatLng,
  now: number,
): RankedOfficer[] {
  const ranked = officers
    .filter((officer) => officer.onShift !== false)
    .map((officer) => {
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
