import { passwordKinds, passwordRules } from '@jiefang/contracts';

/** Letters and digits that cannot be mistaken for one another when read out or copied by hand. */
const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz';
const digits = '23456789';
const alphabet = letters + digits;
export const oneTimePasswordLength = 12;

/**
 * A one-time password an administrator hands to a person (about 70 bits). `randomInt(n)` is uniform
 * over 0…n-1 (node:crypto's in production); drawn until it mixes letters and digits, so it meets
 * the password rules it is then changed under.
 */
export function oneTimePassword(randomInt: (below: number) => number): string {
  for (;;) {
    let password = '';
    for (let i = 0; i < oneTimePasswordLength; i++) password += alphabet[randomInt(alphabet.length)];
    if (passwordKinds(password) >= passwordRules.minKinds) return password;
  }
}
