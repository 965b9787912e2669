import { randomInt } from 'node:crypto';
import { staffPasswordSchema } from '@jiefang/contracts';
import { oneTimePassword, oneTimePasswordLength } from './oneTimePasswords';

describe('one-time passwords', () => {
  it('are long, unambiguous and meet the password rules', () => {
    for (let i = 0; i < 200; i++) {
      const password = oneTimePassword(randomInt);
      expect(password).toHaveLength(oneTimePasswordLength);
      expect(password).not.toMatch(/[01IOlo]/);
      expect(staffPasswordSchema.safeParse(password).success).toBe(true);
    }
  });

  it('draws again when a draw has only letters', () => {
    let call = 0;
    // The first twelve draws give "A"s, then digits "2" and letters alternate.
    const draws = (below: number) => (call++ < oneTimePasswordLength ? 0 : call % 2 === 0 ? below - 1 : 0);
    const password = oneTimePassword(draws);
    expect(password).toMatch(/\d/);
    expect(call).toBe(2 * oneTimePasswordLength);
  });
});
