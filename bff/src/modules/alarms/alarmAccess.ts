import type { Caller } from '../../http/appState';
import { adminStreetOf, reachesDistrict } from '../../domain/staffScope';
import type { AlarmDocument } from './alarmModel';

/** Who the caller is with respect to alarms, resolved once per request. */
export interface AlarmViewer {
  caller: Caller;
  /** Community workers: their street. */
  streetId: string | null;
  /** Property owners: their households. */
  householdIds: string[];
  /** The squad responsible for each street, to match officers and squad leaders. */
  squadOfStreet: (streetId: string) => string | null;
}

/** Dispatchers and the district's administrators (a street's administrator sees their street's). */
const seesEverything = (caller: Caller) => reachesDistrict(caller);

/**
 * Staff who work alarms: everyone for dispatchers and the district's admins, their street's for a
 * street's admin (from the session), their squad's or street's for the rest.
 */
export function canWorkAlarm(viewer: AlarmViewer, alarm: Pick<AlarmDocument, 'streetId'>): boolean {
  const { caller } = viewer;
  if (seesEverything(caller)) return true;
  const adminStreet = adminStreetOf(caller);
  if (adminStreet !== undefined && adminStreet === alarm.streetId) return true;
  const inSquad = caller.roles.includes('officer') || caller.roles.includes('squad_leader');
  if (inSquad && caller.squadId && viewer.squadOfStreet(alarm.streetId) === caller.squadId) return true;
  return caller.roles.includes('community_worker') && viewer.streetId === alarm.streetId;
}

export function isOwnersAlarm(viewer: AlarmViewer, alarm: Pick<AlarmDocument, 'householdId'>): boolean {
  return Boolean(alarm.householdId) && viewer.householdIds.includes(alarm.householdId as string);
}

export function canViewAlarm(
  viewer: AlarmViewer,
  alarm: Pick<AlarmDocument, 'streetId' | 'householdId'>,
): boolean {
  return canWorkAlarm(viewer, alarm) || isOwnersAlarm(viewer, alarm);
}

/** The list filter that matches what the viewer may see; null when they may see nothing. */
export function alarmScope(
  viewer: AlarmViewer,
  ownOnly: boolean,
  streetsOfSquad: (squadId: string) => string[],
): { streetIds?: string[]; householdIds?: string[] } | null {
  const { caller } = viewer;
  if (ownOnly || !isStaff(caller)) {
    return viewer.householdIds.length ? { householdIds: viewer.householdIds } : null;
  }
  if (seesEverything(caller)) return {};
  const streets = new Set<string>();
  const adminStreet = adminStreetOf(caller);
  if (adminStreet !== undefined) streets.add(adminStreet);
  if (caller.squadId && (caller.roles.includes('officer') || caller.roles.includes('squad_leader'))) {
    for (const street of streetsOfSquad(caller.squadId)) streets.add(street);
  }
  if (caller.roles.includes('community_worker') && viewer.streetId) streets.add(viewer.streetId);
  return streets.size ? { streetIds: [...streets] } : null;
}

export const isStaff = (caller: Caller) =>
  ['admin', 'dispatcher', 'squad_leader', 'officer', 'community_worker'].some((role) =>
    caller.roles.includes(role as Caller['roles'][number]),
  );
