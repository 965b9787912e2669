import { describe, expect, it } from 'vitest';
import { canListOfficers, canManageTicket } from './permissions';

describe('canManageTicket', () => {
  const ticket = { squadId: 'squad-chigang' };

  it('lets dispatchers and admins manage any ticket', () => {
    expect(canManageTicket({ roles: ['dispatcher'] }, ticket)).toBe(true);
    expect(canManageTicket({ roles: ['admin'] }, { squadId: null })).toBe(true);
  });

  it('lets a squad leader manage only their squad’s tickets', () => {
    expect(canManageTicket({ roles: ['squad_leader'], squadId: 'squad-chigang' }, ticket)).toBe(true);
    expect(canManageTicket({ roles: ['squad_leader'], squadId: 'squad-huazhou' }, ticket)).toBe(false);
    expect(canManageTicket({ roles: ['squad_leader'] }, { squadId: null })).toBe(false);
    expect(canManageTicket({ roles: ['officer'], squadId: 'squad-chigang' }, ticket)).toBe(false);
  });

  it('lists officers for the console roles only', () => {
    expect(canListOfficers({ roles: ['officer'] })).toBe(false);
    expect(canListOfficers({ roles: ['squad_leader'] })).toBe(true);
  });
});
