// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { session } from '../app/services';
import {
  byTestId,
  click,
  fakeBff,
  findByTestId,
  render,
  setUpPageTests,
  typeInto,
  waitUntil,
} from '../test/dom';
import { RequireAuth } from './RequireAuth';

setUpPageTests();

const user = { id: 'u-zhou', name: '周队员', roles: ['officer' as const] };

describe('RequireAuth after a one-time password', { timeout: 60_000 }, () => {
  it('shows only 修改密码 until the password is changed, then the panel with the new session', async () => {
    session.set({
      token: 'tok-once',
      expiresAt: '2099-01-01T00:00:00.000Z',
      user: { ...user, mustChangePassword: true },
    });
    const bff = fakeBff({
      'POST /api/auth/password': { token: 'tok-full', expiresAt: '2099-01-01T00:00:00.000Z', user },
    });
    await render(
      <RequireAuth>
        <div data-testid="panel" />
      </RequireAuth>,
      '/',
    );
    await findByTestId('change-password');
    expect(byTestId('panel')).toBeNull();

    await typeInto(byTestId('password-current')!, 'first-pass-2026');
    await typeInto(byTestId('password-new')!, 'short');
    await typeInto(byTestId('password-confirm')!, 'short');
    await click(byTestId('password-submit')!);
    await waitUntil(() => document.body.textContent?.includes('新密码至少 10 位') ?? false);
    expect(bff.requests).toHaveLength(0);

    await typeInto(byTestId('password-new')!, 'zhou-own-pass-1');
    await typeInto(byTestId('password-confirm')!, 'zhou-own-pass-1');
    await click(byTestId('password-submit')!);
    await findByTestId('panel');
    expect(bff.requests[0]?.body).toEqual({
      currentPassword: 'first-pass-2026',
      newPassword: 'zhou-own-pass-1',
    });
    expect(session.get()?.token).toBe('tok-full');
  });
});
