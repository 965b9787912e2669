import { alarmStatuses } from '@jiefang/contracts';
import { allows, statusAfter } from './statusTransitions';
import { alarmStatusGroups, alarmTransitions } from './alarmTransitions';

describe('alarm transitions', () => {
  it('goes from active to acknowledged to cleared, or straight to cleared', () => {
    expect(statusAfter(alarmTransitions, 'acknowledge', 'active')).toBe('acknowledged');
    expect(statusAfter(alarmTransitions, 'clear', 'acknowledged')).toBe('cleared');
    expect(statusAfter(alarmTransitions, 'clear', 'active')).toBe('cleared');
  });

  it('takes nothing more once cleared, and no second acknowledgement', () => {
    for (const action of Object.keys(alarmTransitions) as Array<keyof typeof alarmTransitions>)
      expect(allows(alarmTransitions, action, 'cleared')).toBe(false);
    expect(allows(alarmTransitions, 'acknowledge', 'acknowledged')).toBe(false);
  });

  it('escalates only what nobody acknowledged', () => {
    expect(allows(alarmTransitions, 'escalate_unacknowledged', 'active')).toBe(true);
    expect(allows(alarmTransitions, 'escalate_unacknowledged', 'acknowledged')).toBe(false);
  });

  it('folds repeats into an open alarm without moving its status', () => {
    expect(statusAfter(alarmTransitions, 'repeat', 'acknowledged')).toBe('acknowledged');
    expect(alarmStatusGroups.open).toEqual(alarmTransitions.clear.from);
    for (const status of alarmStatusGroups.open) expect(alarmStatuses).toContain(status);
  });
});
