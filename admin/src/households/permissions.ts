import { type Role, type User } from '@jiefang/contracts';

/**
 * 住户管理: community workers and admins keep households; squad leaders and dispatchers already read
 * them (GET /api/households), so they see the page read-only.
 */
export const householdRoles: readonly Role[] = ['admin', 'community_worker', 'squad_leader', 'dispatcher'];

/** Creating, editing, inviting and removing owners: as the BFF allows (admins, community workers). */
export function canKeepHouseholds(user: Pick<User, 'roles'>): boolean {
  return user.roles.includes('admin') || user.roles.includes('community_worker');
}
