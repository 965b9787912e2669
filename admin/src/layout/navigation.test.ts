import { describe, expect, it } from 'vitest';
import { canSee, selectedPath } from './navigation';

describe('navigation', () => {
  it('shows a page without roles to everyone and a restricted page only to its roles', () => {
    expect(canSee({}, ['officer'])).toBe(true);
    expect(canSee({ roles: ['dispatcher', 'admin'] }, ['officer'])).toBe(false);
    expect(canSee({ roles: ['dispatcher', 'admin'] }, ['officer', 'admin'])).toBe(true);
  });

  it('selects the menu entry owning the current path', () => {
    const paths = ['/', '/tickets', '/alarms'];
    expect(selectedPath(paths, '/')).toBe('/');
    expect(selectedPath(paths, '/tickets/42')).toBe('/tickets');
    expect(selectedPath(paths, '/ticketsx')).toBeUndefined();
    expect(selectedPath(paths, '/unknown')).toBeUndefined();
  });
});
