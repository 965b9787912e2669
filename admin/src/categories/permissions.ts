import { type Role, type User } from '@jiefang/contracts';

/** Administrators see the categories; only the district's (no street) edit them. */
export const categoryRoles: readonly Role[] = ['admin'];

export function editsCategories(user: Pick<User, 'roles' | 'streetId'>): boolean {
  return user.roles.includes('admin') && !user.streetId;
}
