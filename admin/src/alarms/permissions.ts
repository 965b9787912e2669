import { type Role, type User } from '@jiefang/contracts';

/** Roles that see and handle device alarms (the street enforcement chain). */
export const alarmRoles: readonly Role[] = ['admin', 'dispatcher', 'squad_leader', 'officer'];
/** Roles that see the device registry and the device map. */
export const deviceRoles: readonly Role[] = ['admin', 'dispatcher'];

/** Registering, editing and re-keying devices is for admins only (as the BFF enforces). */
export function canManageDevices(user: Pick<User, 'roles'>): boolean {
  return user.roles.includes('admin');
}

/** Whether the ticket queue (and so a link into it) is open to this person. */
export function canOpenTicketQueue(user: Pick<User, 'roles'>): boolean {
  return user.roles.some((role) => role === 'admin' || role === 'dispatcher' || role === 'squad_leader');
}
