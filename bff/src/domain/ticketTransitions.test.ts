import { ticketStatuses } from '@jiefang/contracts';
import {
  TransitionRefused,
  nextStatus,
  openTicketStatuses,
  slaClockRunning,
  ticketStatusGroups,
  ticketTransitions,
  type TicketAction,
} from './ticketTransitions';

describe('ticket transitions', () => {
  it('walks the closed loop', () => {
    expect(nextStatus('dispatch_queue', 'assign')).toBe('assigned');
    expect(nextStatus('assigned', 'accept')).toBe('accepted');
    expect(nextStatus('accepted', 'check_in')).toBe('on_site');
    expect(nextStatus('on_site', 'resolve')).toBe('resolved');
    expect(nextStatus('resolved', 'confirm')).toBe('confirmed');
    expect(nextStatus('resolved', 'reopen')).toBe('reopened');
    expect(nextStatus('reopened', 'assign')).toBe('assigned');
  });

  it('refuses steps out of order', () => {
    expect(() => nextStatus('assigned', 'resolve')).toThrow(TransitionRefused);
    expect(() => nextStatus('accepted', 'accept')).toThrow(/cannot accept a ticket that is accepted/);
    expect(() => nextStatus('on_site', 'assign')).toThrow(TransitionRefused);
  });

  it('stops the SLA clock once someone is on site', () => {
    expect(slaClockRunning('accepted')).toBe(true);
    expect(slaClockRunning('on_site')).toBe(false);
  });

  it('closes a ticket from every open status, and from no other', () => {
    for (const status of openTicketStatuses) expect(nextStatus(status, 'close')).toBe('closed');
    for (const status of ['resolved', 'confirmed', 'closed'] as const)
      expect(() => nextStatus(status, 'close')).toThrow(TransitionRefused);
  });

  it('lets nothing move a closed ticket: not a reopen, an assignment, an accept or a check-in', () => {
    for (const action of Object.keys(ticketTransitions) as TicketAction[])
      expect(() => nextStatus('closed', action)).toThrow(TransitionRefused);
  });

  it('keeps a closed ticket off every clock, every workload and the open tickets', () => {
    expect(slaClockRunning('closed')).toBe(false);
    expect(openTicketStatuses).not.toContain('closed');
    expect(ticketStatusGroups.occupying).not.toContain('closed');
    // Every status is either open or finished: a status added later must be placed.
    const finished = ['resolved', 'confirmed', 'closed'];
    expect([...openTicketStatuses, ...finished].sort()).toEqual([...ticketStatuses].sort());
  });
});
