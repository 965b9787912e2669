import { type CategoryCode, type Ticket, type TicketList, type TicketStatus } from '@jiefang/contracts';

/** The queue's filters, as sent to `GET /api/tickets`. `street` is a street id or name. */
export interface TicketFilters {
  status?: TicketStatus;
  category?: CategoryCode;
  street?: string;
}

export function matchesFilters(ticket: Ticket, filters: TicketFilters): boolean {
  if (filters.status && ticket.status !== filters.status) return false;
  if (filters.category && ticket.category !== filters.category) return false;
  if (filters.street && ticket.streetId !== filters.street && ticket.streetName !== filters.street) {
    return false;
  }
  return true;
}

/** Whether `incoming` should replace `current`: versions only go up, so an older copy never wins. */
export function isNewer(current: Ticket | undefined, incoming: Ticket): boolean {
  return !current || incoming.version >= current.version;
}

const byReportedAtDesc = (a: Ticket, b: Ticket) => Date.parse(b.reportedAt) - Date.parse(a.reportedAt);

/**
 * A queue page with one changed ticket merged in: replaced where it was, added (in the server's
 * newest-first order) when it now matches the filters, removed when it no longer does. A stale copy
 * changes nothing. Returns the same object when nothing changed, so nothing re-renders.
 */
export function mergeTicketIntoList(list: TicketList, ticket: Ticket, filters: TicketFilters): TicketList {
  const index = list.items.findIndex((item) => item.id === ticket.id);
  const current = index === -1 ? undefined : list.items[index];
  if (current && !isNewer(current, ticket)) return list;
  const matches = matchesFilters(ticket, filters);
  if (current) {
    if (!matches) {
      return {
        items: list.items.filter((item) => item.id !== ticket.id),
        total: Math.max(0, list.total - 1),
      };
    }
    if (current === ticket) return list;
    const items = list.items.slice();
    items[index] = ticket;
    return { items, total: list.total };
  }
  if (!matches) return list;
  return { items: [...list.items, ticket].sort(byReportedAtDesc), total: list.total + 1 };
}

/** Statuses in which a ticket is on an officer's own list (the same as `GET /api/officer/tickets`). */
export const officerActiveStatuses: readonly TicketStatus[] = ['assigned', 'accepted', 'on_site'];

/** An officer's assignments with one changed ticket merged in: theirs while assigned to them and active. */
export function mergeIntoAssignments(items: readonly Ticket[], ticket: Ticket, officerId: string): Ticket[] {
  const index = items.findIndex((item) => item.id === ticket.id);
  const current = index === -1 ? undefined : items[index];
  if (current && !isNewer(current, ticket)) return items as Ticket[];
  const mine = ticket.assigneeId === officerId && officerActiveStatuses.includes(ticket.status);
  if (!mine) return current ? items.filter((item) => item.id !== ticket.id) : (items as Ticket[]);
  const rest = items.filter((item) => item.id !== ticket.id);
  return [...rest, ticket].sort((a, b) => Date.parse(a.reportedAt) - Date.parse(b.reportedAt));
}
