import { QueryClient } from '@tanstack/react-query';
import { type Ticket, type TicketList } from '@jiefang/contracts';
import { describe, expect, it } from 'vitest';
import { makeTicket } from '../test/tickets';
import { applyTicketUpdate } from './applyTicket';
import { ticketKeys } from './queryKeys';
import { matchesFilters, mergeIntoAssignments, mergeTicketIntoList } from './ticketCache';

const older = makeTicket({ id: 'A', reportedAt: '2030-01-01T07:00:00.000Z' });
const newer = makeTicket({ id: 'C', reportedAt: '2030-01-01T09:00:00.000Z' });
const list = (...items: Ticket[]): TicketList => ({ items, total: items.length });

describe('matchesFilters', () => {
  it('matches status, category and the street by id or by name', () => {
    const ticket = makeTicket();
    expect(matchesFilters(ticket, {})).toBe(true);
    expect(matchesFilters(ticket, { status: 'assigned', category: 'street_vending' })).toBe(true);
    expect(matchesFilters(ticket, { status: 'accepted' })).toBe(false);
    expect(matchesFilters(ticket, { category: 'noise' })).toBe(false);
    expect(matchesFilters(ticket, { street: 'chigang' })).toBe(true);
    expect(matchesFilters(ticket, { street: '赤岗街道' })).toBe(true);
    expect(matchesFilters(ticket, { street: 'huazhou' })).toBe(false);
  });
});

describe('mergeTicketIntoList', () => {
  it('replaces a ticket in place with a newer version', () => {
    const page = list(newer, older);
    const accepted = { ...older, status: 'accepted' as const, version: 2 };
    const merged = mergeTicketIntoList(page, accepted, {});
    expect(merged.items.map((item) => [item.id, item.status])).toEqual([
      ['C', 'assigned'],
      ['A', 'accepted'],
    ]);
    expect(merged.total).toBe(2);
  });

  it('ignores a stale copy and returns the same list', () => {
    const current = { ...older, version: 5 };
    const page = list(current);
    expect(mergeTicketIntoList(page, { ...older, version: 4, status: 'on_site' }, {})).toBe(page);
  });

  it('adds a new matching ticket in newest-first order and counts it', () => {
    const page = { items: [newer, older], total: 12 };
    const middle = makeTicket({ id: 'B', reportedAt: '2030-01-01T08:00:00.000Z' });
    const merged = mergeTicketIntoList(page, middle, { status: 'assigned' });
    expect(merged.items.map((item) => item.id)).toEqual(['C', 'B', 'A']);
    expect(merged.total).toBe(13);
  });

  it('removes a ticket that no longer matches the filters, and skips one that never did', () => {
    const page = list(newer, older);
    const moved = { ...older, version: 2, status: 'accepted' as const };
    const merged = mergeTicketIntoList(page, moved, { status: 'assigned' });
    expect(merged.items.map((item) => item.id)).toEqual(['C']);
    expect(merged.total).toBe(1);
    const elsewhere = makeTicket({ id: 'Z', streetId: 'huazhou', streetName: '华洲街道' });
    expect(mergeTicketIntoList(page, elsewhere, { street: 'chigang' })).toBe(page);
  });
});

describe('mergeIntoAssignments', () => {
  it('keeps an officer’s active tickets, oldest first, and drops what left them', () => {
    const mine = [older];
    const added = mergeIntoAssignments(mine, newer, 'officer-1');
    expect(added.map((item) => item.id)).toEqual(['A', 'C']);
    const resolved = { ...older, version: 3, status: 'resolved' as const };
    expect(mergeIntoAssignments(added, resolved, 'officer-1').map((item) => item.id)).toEqual(['C']);
    const reassigned = { ...newer, version: 2, assigneeId: 'officer-2' };
    expect(mergeIntoAssignments(added, reassigned, 'officer-1').map((item) => item.id)).toEqual(['A']);
    expect(mergeIntoAssignments(mine, makeTicket({ id: 'X', assigneeId: 'officer-9' }), 'officer-1')).toBe(
      mine,
    );
  });
});

describe('applyTicketUpdate', () => {
  it('merges one event into the detail, every filtered queue page and the officer’s list', () => {
    const client = new QueryClient();
    const all = ticketKeys.list({});
    const assignedOnly = ticketKeys.list({ status: 'assigned' });
    const acceptedOnly = ticketKeys.list({ status: 'accepted' });
    client.setQueryData(all, list(older));
    client.setQueryData(assignedOnly, list(older));
    client.setQueryData(acceptedOnly, list());
    client.setQueryData(ticketKeys.detail('A'), older);
    client.setQueryData(ticketKeys.mine, [older]);

    const accepted = { ...older, version: 2, status: 'accepted' as const };
    applyTicketUpdate(client, accepted, 'officer-1');

    expect(client.getQueryData<TicketList>(all)?.items[0]?.status).toBe('accepted');
    expect(client.getQueryData<TicketList>(assignedOnly)).toEqual({ items: [], total: 0 });
    expect(client.getQueryData<TicketList>(acceptedOnly)).toEqual({ items: [accepted], total: 1 });
    expect(client.getQueryData<Ticket>(ticketKeys.detail('A'))?.version).toBe(2);
    expect(client.getQueryData<Ticket[]>(ticketKeys.mine)?.[0]?.status).toBe('accepted');

    // A late, older event does not undo it.
    applyTicketUpdate(client, older, 'officer-1');
    expect(client.getQueryData<Ticket>(ticketKeys.detail('A'))?.version).toBe(2);
    expect(client.getQueryData<TicketList>(all)?.items[0]?.version).toBe(2);
  });
});
