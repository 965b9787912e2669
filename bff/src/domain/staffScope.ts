import type { Role } from '@jiefang/contracts';

/**
 * Whose accounts an administrator manages. A street administrator (an admin account with a street)
 * manages that street's staff; the district's administrator (no street) manages everyone. The street
 * always comes from the administrator's own account, never from the request.
 */
export interface AdminReach {
  /** Absent for the district's administrator. */
  streetId?: string;
}

/** Roles whose power does not stop at a street: only the district's administrator hands them out. */
export const districtWideRoles: readonly Role[] = ['dispatcher'];

export const reachOf = (admin: { streetId?: string }): AdminReach =>
  admin.streetId ? { streetId: admin.streetId } : {};

/** Does the administrator manage this account (see, edit, disable, reset)? */
export const manages = (reach: AdminReach, account: { streetId?: string }): boolean =>
  reach.streetId === undefined || account.streetId === reach.streetId;

/**
 * Why the administrator may not give an account these roles and this street, or null when they may. A
 * street administrator keeps accounts in their street (so an admin they make is a street administrator
 * too, never the district's) and hands out no district-wide role.
 */
export function placementRefusal(
  reach: AdminReach,
  placement: { roles: readonly Role[]; streetId?: string },
): string | null {
  if (reach.streetId === undefined) return null;
  if (placement.streetId !== reach.streetId) return '街道管理员只能管理本街道的工作人员';
  const wide = placement.roles.filter((role) => districtWideRoles.includes(role));
  if (wide.length > 0) return '街道管理员不能分配全区角色（调度员），请联系区管理员';
  return null;
}

/**
 * The street a street administrator's list is limited to: their own. Asking for another street is
 * refused (null); the district's administrator sees the street asked for, or all (undefined).
 */
export function listedStreet(reach: AdminReach, requested: string | undefined): string | undefined | null {
  if (reach.streetId === undefined) return requested;
  if (requested !== undefined && requested !== reach.streetId) return null;
  return reach.streetId;
}

/** After an edit: do the account's old tokens carry power it no longer has (roles, squad or street)? */
export function sessionsMustEnd(
  before: { roles: readonly Role[]; squadId?: string; streetId?: string },
  after: { roles: readonly Role[]; squadId?: string; streetId?: string },
): boolean {
  const sameRoles =
    before.roles.length === after.roles.length && before.roles.every((role) => after.roles.includes(role));
  return !sameRoles || before.squadId !== after.squadId || before.streetId !== after.streetId;
}

/** The squad an edit takes the account out of (it goes off duty there and hands its tickets on), if any. */
export const squadLeft = (before: { squadId?: string }, after: { squadId?: string }): string | undefined =>
  before.squadId && before.squadId !== after.squadId ? before.squadId : undefined;

/**
 * The street a caller's administration stops at: a street administrator's own street (from their
 * session, so no read), undefined for the district's administrator, for dispatchers (a district-wide
 * role wins) and for callers who are not administrators.
 */
export const adminStreetOf = (caller: { roles: readonly Role[]; streetId?: string }): string | undefined =>
  caller.roles.includes('admin') && !caller.roles.some((role) => districtWideRoles.includes(role))
    ? caller.streetId
    : undefined;

/** Does an administrator or dispatcher reach everything in the district (no street limits them)? */
export const reachesDistrict = (caller: { roles: readonly Role[]; streetId?: string }): boolean =>
  caller.roles.some((role) => districtWideRoles.includes(role)) ||
  (caller.roles.includes('admin') && adminStreetOf(caller) === undefined);

/** May a street administrator (or the district's) act on a record in this street? */
export const adminReachesStreet = (
  caller: { roles: readonly Role[]; streetId?: string },
  streetId: string | null | undefined,
): boolean => {
  const own = adminStreetOf(caller);
  return own === undefined || own === streetId;
};
