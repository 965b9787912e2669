import { describe, expect, it } from 'vitest';
import { escortRoles } from '../escorts/permissions';
import { canSee, selectedPath } from './navigation';

describe('navigation', () => {
  it('shows a page without roles to everyone and a restricted page only to its roles', () => {
    expect(canSee({}, ['officer'])).toBe(true);
    expect(canSee({ roles: ['dispatcher', 'admin'] }, ['officer'])).toBe(false);
    expect(canSee({ roles: ['dispatcher', 'admin'] }, ['officer', 'admin'])).toBe(true);
    // A page the BFF serves to the district's staff only: not to a street's administrator.
    expect(canSee({ roles: ['admin'], districtOnly: true }, ['admin'])).toBe(true);
    expect(canSee({ roles: ['admin'], districtOnly: true }, ['admin'], true)).toBe(false);
  });

  it('selects the menu entry owning the current path', () => {
    const paths = ['/', '/tickets', '/alarms'];
    expect(selectedPath(paths, '/')).toBe('/');
    expect(selectedPath(paths, '/tickets/42')).toBe('/tickets');
    expect(selectedPath(paths, '/ticketsx')).toBeUndefined();
    expect(selectedPath(paths, '/unknown')).toBeUndefined();
  });

  it('picks the nested escort page over its parent', () => {
    const paths = ['/', '/elders', '/escorts/book', '/escorts', '/volunteers'];
    expect(selectedPath(paths, '/escorts/book')).toBe('/escorts/book');
    expect(selectedPath(paths, '/escorts')).toBe('/escorts');
    expect(selectedPath(paths, '/escorts/ES-1')).toBe('/escorts');
  });

  it('shows the escort pages to community workers and admins only', () => {
    expect(canSee({ roles: escortRoles }, ['community_worker'])).toBe(true);
    expect(canSee({ roles: escortRoles }, ['admin'])).toBe(true);
    expect(canSee({ roles: escortRoles }, ['dispatcher', 'officer'])).toBe(false);
  });
});
