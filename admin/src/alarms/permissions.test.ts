import { describe, expect, it } from 'vitest';
import { canSee } from '../layout/navigation';
import { alarmRoles, canManageDevices, canOpenTicketQueue, deviceRoles } from './permissions';

describe('alarm and device pages', () => {
  it('shows the alarm console to the enforcement chain and the devices page to admins and dispatchers', () => {
    for (const role of ['admin', 'dispatcher', 'squad_leader', 'officer'] as const) {
      expect(canSee({ roles: alarmRoles }, [role])).toBe(true);
    }
    expect(canSee({ roles: alarmRoles }, ['resident'])).toBe(false);
    expect(canSee({ roles: alarmRoles }, ['community_worker'])).toBe(false);
    expect(canSee({ roles: deviceRoles }, ['dispatcher'])).toBe(true);
    expect(canSee({ roles: deviceRoles }, ['squad_leader', 'officer'])).toBe(false);
  });

  it('lets only admins register and edit devices, and links tickets for the queue’s roles', () => {
    expect(canManageDevices({ roles: ['admin'] })).toBe(true);
    expect(canManageDevices({ roles: ['dispatcher'] })).toBe(false);
    expect(canOpenTicketQueue({ roles: ['squad_leader'] })).toBe(true);
    expect(canOpenTicketQueue({ roles: ['officer'] })).toBe(false);
  });
});
