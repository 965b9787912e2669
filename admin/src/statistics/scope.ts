import { type Role, type StreetSummary, type User } from '@jiefang/contracts';
import { statisticsRouteAccess } from './endpoints';

/** Roles that look at the whole district and may narrow the dashboard to any street. */
export const districtRoles: readonly Role[] = ['admin', 'dispatcher'];
/** Roles that see the system's health (the BFF's dependencies): those who run the system and the centre. */
export const systemHealthRoles: readonly Role[] = ['admin', 'dispatcher'];

const hasAny = (roles: readonly Role[], wanted: readonly Role[]) =>
  roles.some((role) => wanted.includes(role));

export const isDistrictWide = (roles: readonly Role[]): boolean => hasAny(roles, districtRoles);

/**
 * A street's administrator (an admin account with a street, and no district-wide role such as
 * dispatcher): the BFF limits them to their street, so the pages fix them to it like the street's staff.
 */
export const isStreetAdmin = (user: Pick<User, 'roles' | 'streetId'>): boolean =>
  user.roles.includes('admin') && !user.roles.includes('dispatcher') && Boolean(user.streetId);

export const canSeeSystemHealth = (roles: readonly Role[]): boolean => hasAny(roles, systemHealthRoles);

/** The escort card only for roles the BFF lets read escort statistics (the contracts' access list). */
export function canSeeEscortStatistics(roles: readonly Role[]): boolean {
  const access = statisticsRouteAccess.escorts;
  // 'public' or 'signed-in': anyone who reached the dashboard may.
  return typeof access === 'string' ? true : hasAny(roles, access);
}

/**
 * What the dashboard covers for this person: district-wide roles choose (no street = the whole district);
 * everyone else, a street's administrator included, is fixed to the street of their account, which the BFF enforces whatever is asked.
 */
export type DashboardScope =
  { kind: 'district' } | { kind: 'street'; streetId: string | null; streetName: string | null };

export function dashboardScope(user: Pick<User, 'roles' | 'streetId' | 'streetName'>): DashboardScope {
  if (isDistrictWide(user.roles) && !isStreetAdmin(user)) return { kind: 'district' };
  return { kind: 'street', streetId: user.streetId ?? null, streetName: user.streetName ?? null };
}

/** The street to ask for: the chosen one for district roles, none otherwise (the BFF scopes by session). */
export function streetToAsk(scope: DashboardScope, chosen: string | undefined): string | undefined {
  return scope.kind === 'district' ? chosen : undefined;
}

/** The streets a filter offers: all for district-wide roles, only their own for someone fixed to a street. */
export function streetsInReach<T extends Pick<StreetSummary, 'id'>>(
  user: Pick<User, 'roles' | 'streetId' | 'streetName'> | undefined,
  streets: readonly T[],
): T[] {
  const scope = user ? dashboardScope(user) : ({ kind: 'district' } as const);
  if (scope.kind === 'district' || !scope.streetId) return [...streets];
  return streets.filter((street) => street.id === scope.streetId);
}
