import type { Role } from '@jiefang/contracts';
import { loadDistrict } from '../modules/district/district';
import { staffAccounts } from '../modules/users/staffAccounts';
import { userModels } from '../modules/users/userModel';
import type { TestApp } from './testApp';

/**
 * Creates a password account straight in the database and signs in with it: account management refuses
 * dev-login tokens, so an admin that creates staff must sign in like a real one. A street makes an
 * admin a street administrator.
 */
export async function signInAsStaff(
  t: TestApp,
  username: string,
  roles: Role[],
  street?: string,
): Promise<{ token: string; userId: string }> {
  const password = `${username}-password`;
  const user = await staffAccounts(userModels(t.mongo), loadDistrict(), t.clock).create(
    {
      username,
      password,
      name: `测试${username}`,
      roles,
      ...(street ? { street } : {}),
      // Signs in straight away: the forced first change has tests of its own.
    },
    { mustChangePassword: false },
  );
  const response = await t.http.post('/api/auth/login').send({ username, password }).expect(200);
  return { token: response.body.token as string, userId: user.id };
}
