import { describe, expect, it } from 'vitest';
import { publicBoardHash } from './publicEntry';

describe('publicBoardHash', () => {
  it('opens the board at /admin/public, with or without a trailing slash', () => {
    expect(publicBoardHash('/admin/public', '', '/admin/')).toBe('#/public');
    expect(publicBoardHash('/admin/public/', '#/', '/admin/')).toBe('#/public');
  });

  it('leaves every other address to the router', () => {
    expect(publicBoardHash('/admin/', '', '/admin/')).toBeNull();
    expect(publicBoardHash('/admin/public', '#/tickets', '/admin/')).toBeNull();
    expect(publicBoardHash('/admin/publicity', '', '/admin/')).toBeNull();
  });
});
