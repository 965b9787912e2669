import type { Caller } from '../../http/appState';
import type { ElderDocument, EscortDocument } from './escortModels';

/** Who the caller is with respect to escorts, resolved once per request. */
export interface EscortViewer {
  caller: Caller;
  /** Community workers: their street. */
  streetId: string | null;
}

const isDistrictStaff = (caller: Caller) =>
  caller.roles.includes('admin') || caller.roles.includes('dispatcher');

/** The elder's community worker (or district staff): manages the elder and every booking. */
export function isElderStaff(viewer: EscortViewer, elder: Pick<ElderDocument, 'streetId'>): boolean {
  if (isDistrictStaff(viewer.caller)) return true;
  return (
    viewer.caller.roles.includes('community_worker') &&
    !!viewer.streetId &&
    viewer.streetId === elder.streetId
  );
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
