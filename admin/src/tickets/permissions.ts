import { type Role, type Ticket, type TicketStatus, type User } from '@jiefang/contracts';

/** Roles that run the enforcement console. */
export const consoleRoles: readonly Role[] = ['dispatcher', 'squad_leader', 'admin'];
/** Roles with the officer's own view. */
export const officerRoles: readonly Role[] = ['officer', 'squad_leader'];

/** Statuses from which a ticket may still be (re)assigned or transferred: before anyone is on site. */
export const reroutableStatuses: readonly TicketStatus[] = [
  'dispatch_queue',
  'assigned',
  'accepted',
  'reopened',
];

/** Statuses a ticket may be closed from without being fixed (as the BFF's transition table says). */
export const closableStatuses: readonly TicketStatus[] = [
  'dispatch_queue',
  'assigned',
  'accepted',
  'on_site',
  'reopened',
];

/** Closing takes a ticket off every clock: the district's call (dispatchers, admins), not a squad's. */
export function canCloseTicket(user: Pick<User, 'roles'>): boolean {
  return user.roles.includes('dispatcher') || user.roles.includes('admin');
}

/** Dispatchers and admins manage every ticket; a squad leader manages their own squad's (as the BFF decides). */
export function canManageTicket(
  user: Pick<User, 'roles' | 'squadId'>,
  ticket: Pick<Ticket, 'squadId'>,
): boolean {
  if (user.roles.includes('dispatcher') || user.roles.includes('admin')) return true;
  return user.roles.includes('squad_leader') && Boolean(user.squadId) && user.squadId === ticket.squadId;
}

export function canListOfficers(user: Pick<User, 'roles'>): boolean {
  return consoleRoles.some((role) => user.roles.includes(role));
}
