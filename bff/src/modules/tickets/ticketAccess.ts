import type { Caller } from '../../http/appState';
import { forbidden } from '../../http/httpError';
import { adminReachesStreet } from '../../domain/staffScope';
import type { TicketDocument } from './ticketModel';

type StaffSide = Pick<TicketDocument, 'squadId' | 'streetId' | 'assigneeId'>;

/** Dispatchers and the district's administrators: every ticket; a street's administrator: their street's. */
const administers = (caller: Caller, ticket: Pick<TicketDocument, 'streetId'>): boolean =>
  caller.roles.includes('dispatcher') ||
  (caller.roles.includes('admin') && adminReachesStreet(caller, ticket.streetId));

/**
 * Who may see a ticket in full: its reporters, dispatchers and admins (a street's administrator, their
 * street's), and the officers and leaders of the squad responsible for it (or the officer it is assigned to).
 */
export function canViewTicket(
  caller: Caller,
  ticket: StaffSide & Pick<TicketDocument, 'reporterIds'>,
): boolean {
  return ticket.reporterIds.includes(caller.userId) || seesTicketAsStaff(caller, ticket);
}

/** Staff responsible for the ticket see it whole; its reporters see only the shared part and their own. */
export function seesTicketAsStaff(caller: Caller, ticket: StaffSide): boolean {
  if (administers(caller, ticket)) return true;
  if (ticket.assigneeId === caller.userId) return true;
  const inSquad = caller.roles.includes('officer') || caller.roles.includes('squad_leader');
  return inSquad && Boolean(caller.squadId) && ticket.squadId === caller.squadId;
}

export function assertCanViewTicket(
  caller: Caller,
  ticket: StaffSide & Pick<TicketDocument, 'reporterIds'>,
): void {
  if (!canViewTicket(caller, ticket)) throw forbidden('无权查看该工单');
}

/**
 * Dispatchers, admins (a street's administrator, in their street) and the responsible squad's leader
 * may assign, reassign and transfer.
 */
export function canManageTicket(
  caller: Caller,
  ticket: Pick<TicketDocument, 'squadId' | 'streetId'>,
): boolean {
  if (administers(caller, ticket)) return true;
  return (
    caller.roles.includes('squad_leader') && Boolean(caller.squadId) && caller.squadId === ticket.squadId
  );
}
