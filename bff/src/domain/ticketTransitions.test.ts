import { TransitionRefused, nextStatus, slaClockRunning } from './ticketTransitions';

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
});
