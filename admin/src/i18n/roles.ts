import { roles, type Role } from '@jiefang/contracts';
import { t } from './index';

/** The Chinese name of a role, as staff know it. */
export function roleLabel(role: Role): string {
  return t(`role.${role}`);
}

/** Role names in the contract's canonical order (most privileged last), without duplicates. */
export function roleLabels(userRoles: readonly Role[]): string[] {
  return roles.filter((role) => userRoles.includes(role)).map(roleLabel);
}
