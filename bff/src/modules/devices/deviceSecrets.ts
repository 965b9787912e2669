import { createHash, randomBytes } from 'node:crypto';

/**
 * Secrets are 192 random bits, so a salted SHA-256 is enough to store them (there is nothing to
 * brute-force), and it keeps every device connection cheap to verify.
 */
export const hashSecret = (salt: string, secret: string) =>
  createHash('sha256').update(`${salt}:${secret}`).digest('hex');
export const newSecret = () => randomBytes(24).toString('base64url');

/** A new secret with what the registry stores of it (the secret itself is not stored). */
export function newStoredSecret(): { secret: string; secretSalt: string; secretHash: string } {
  const secret = newSecret();
  const secretSalt = randomBytes(12).toString('hex');
  return { secret, secretSalt, secretHash: hashSecret(secretSalt, secret) };
}
