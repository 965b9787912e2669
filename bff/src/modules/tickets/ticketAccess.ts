import type { Caller } from '../../http/appState';
import { forbidden } from '../../http/httpError';
import type { TicketDocument } from './ticketModel';

/**
 * Who may see a ticket in full: its reporters, dispatchers and admins, and the officers and leaders of
 * the squad responsible for it (or the officer it is assigned to).
 */
export function canViewTicket(
  caller: Caller,
  ticket: Pick<TicketDocument, 'reporterIds' | 'squadId' | 'assigneeId'>,
): boolean {
  return ticket.reporterIds.includes(caller.userId) || seesTicketAsStaff(caller, ticket);
}

/** Staff responsible for the ticket see it whole; its reporters see only the shared part and their own. */
export function seesTicketAsStaff(
  caller: Caller,
  ticket: Pick<TicketDocument, 'squadId' | 'assigneeId'>,
): boolean {
  if (caller.roles.includes('dispatcher') || caller.roles.includes('admin')) return true;
  if (ticket.assigneeId === caller.userId) return true;
  const inSquad = caller.roles.includes('officer') || caller.roles.includes('squad_leader');
  return inSquad && Boolean(caller.squadId) && ticket.squadId === caller.squadId;
}

export function assertCanViewTicket(
  caller: Caller,
  ticket: Pick<TicketDocument, 'reporterIds' | 'squadId' | 'assigneeId'>,
): void {
  if (!canViewTicket(caller, ticket)) throw forbidden('无权查看该工单');
}

/** Dispatchers, admins and the responsible squad's leader may assign, reassign and transfer. */
export function canManageTicket(caller: Caller, ticket: Pick<TicketDocument, 'squadId'>): boolean {
  if (caller.roles.includes('dispatcher') || caller.roles.includes('admin')) return true;
  return (
    caller.roles.includes('squad_leader') && Boolean(caller.squadId) && caller.squadId === ticket.squadId
  );
}
