import { escortStatuses } from '@jiefang/contracts';
import { allows, statusAfter } from './statusTransitions';
import { escortStatusGroups, escortTransitions, inEscortGroup } from './escortTransitions';

describe('escort transitions', () => {
  it('walks a booking from open to completed', () => {
    expect(statusAfter(escortTransitions, 'accept', 'open')).toBe('accepted');
    expect(statusAfter(escortTransitions, 'check_in', 'accepted')).toBe('in_progress');
    expect(statusAfter(escortTransitions, 'complete', 'in_progress')).toBe('completed');
    expect(statusAfter(escortTransitions, 'rate', 'completed')).toBe('completed');
    expect(statusAfter(escortTransitions, 'review_hours', 'completed')).toBe('completed');
  });

  it('puts a withdrawn or reopened request back to open, and hands one over as accepted', () => {
    expect(statusAfter(escortTransitions, 'withdraw', 'accepted')).toBe('open');
    expect(statusAfter(escortTransitions, 'reopen', 'accepted')).toBe('open');
    expect(statusAfter(escortTransitions, 'hand_over', 'open')).toBe('accepted');
  });

  it('refuses steps out of order', () => {
    expect(allows(escortTransitions, 'accept', 'accepted')).toBe(false);
    expect(allows(escortTransitions, 'withdraw', 'in_progress')).toBe(false);
    expect(allows(escortTransitions, 'check_in', 'open')).toBe(false);
    expect(allows(escortTransitions, 'cancel', 'in_progress')).toBe(false);
    expect(allows(escortTransitions, 'rate', 'in_progress')).toBe(false);
    expect(allows(escortTransitions, 'sos', 'open')).toBe(false);
    expect(allows(escortTransitions, 'hand_over', 'completed')).toBe(false);
    expect(statusAfter(escortTransitions, 'complete', 'accepted')).toBeNull();
  });

  it('lets nothing move a completed or cancelled escort to another status', () => {
    for (const ended of ['completed', 'cancelled'] as const) {
      for (const transition of Object.values(escortTransitions)) {
        if (transition.from.includes(ended)) expect(transition.to).toBeNull();
      }
    }
  });

  it('names only known statuses, and its groups hold what their names say', () => {
    for (const transition of Object.values(escortTransitions)) {
      for (const status of [...transition.from, ...(transition.to ? [transition.to] : [])])
        expect(escortStatuses).toContain(status);
    }
    expect(inEscortGroup('occupying', 'in_progress')).toBe(true);
    expect(inEscortGroup('occupying', 'open')).toBe(false);
    expect(inEscortGroup('active', 'open')).toBe(true);
    expect(inEscortGroup('active', 'completed')).toBe(false);
    expect(escortStatusGroups.awaitingStart).toEqual(escortTransitions.cancel.from);
  });
});
