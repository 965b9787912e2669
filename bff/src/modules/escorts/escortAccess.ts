import type { Caller } from '../../http/appState';
import { adminStreetOf, reachesDistrict } from '../../domain/staffScope';
import type { ElderDocument, EscortDocument } from './escortModels';

/** Who the caller is with respect to escorts, resolved once per request. */
export interface EscortViewer {
  caller: Caller;
  /** Street staff (community workers, a street's administrator): their street. */
  streetId: string | null;
}

/** Dispatchers and the district's administrators: every street's elders and escorts. */
export const isDistrictStaff = (caller: Caller) => reachesDistrict(caller);

/** Staff who look after one street's elders: its community workers and its administrator. */
export const isStreetStaff = (caller: Caller) =>
  caller.roles.includes('community_worker') || adminStreetOf(caller) !== undefined;

/** The street staff's street: a street administrator's from the session, a community worker's looked up. */
export const streetStaffStreet = async (
  caller: Caller,
  streetOf: (userId: string) => Promise<string | null>,
): Promise<string | null> =>
  adminStreetOf(caller) ?? (caller.roles.includes('community_worker') ? await streetOf(caller.userId) : null);

/** The elder's community worker or street administrator (or district staff): manages the elder and every booking. */
export function isElderStaff(viewer: EscortViewer, elder: Pick<ElderDocument, 'streetId'>): boolean {
  if (isDistrictStaff(viewer.caller)) return true;
  return isStreetStaff(viewer.caller) && !!viewer.streetId && viewer.streetId === elder.streetId;
}

export const isFamily = (viewer: EscortViewer, elder: Pick<ElderDocument, 'familyUserIds'>) =>
  elder.familyUserIds.includes(viewer.caller.userId);

/** Acts for the elder: staff, family, or whoever booked it. */
export function actsForElder(
  viewer: EscortViewer,
  escort: Pick<EscortDocument, 'streetId' | 'createdBy'>,
  elder: Pick<ElderDocument, 'familyUserIds' | 'streetId'> | null,
): boolean {
  if (escort.createdBy === viewer.caller.userId) return true;
  if (elder && (isFamily(viewer, elder) || isElderStaff(viewer, elder))) return true;
  return isElderStaff(viewer, { streetId: escort.streetId });
}

/** The elder's exact address and phone: the accepted volunteer, the family and staff, nobody else. */
export function seesElderContact(
  viewer: EscortViewer,
  escort: Pick<EscortDocument, 'streetId' | 'createdBy' | 'volunteerId' | 'status'>,
  elder: Pick<ElderDocument, 'familyUserIds' | 'streetId'> | null,
): boolean {
  if (actsForElder(viewer, escort, elder)) return true;
  return escort.volunteerId === viewer.caller.userId && escort.status !== 'cancelled';
}
