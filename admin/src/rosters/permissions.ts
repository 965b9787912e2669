import { type Role, type User } from '@jiefang/contracts';

/** Who plans rosters: a squad leader their own squad's, dispatchers and admins any squad's. */
export const rosterRoles: readonly Role[] = ['squad_leader', 'dispatcher', 'admin'];

export function plansEverySquad(user: Pick<User, 'roles'>): boolean {
  return user.roles.includes('dispatcher') || user.roles.includes('admin');
}
