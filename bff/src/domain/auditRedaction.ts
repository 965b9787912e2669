import { auditRedacted } from '@jiefang/contracts';

/**
 * Keys whose values never go into the audit log: passwords (a new account's, a reset's), device secrets,
 * tokens and keys, and photos (residents' faces and number plates; the ticket keeps them under its own
 * access rules). Matched anywhere in a key, any case: `newPassword`, `photoIds`, `afterPhotos`…
 */
const secretKey = /pass(word)?|secret|token|credential|otp|photo|image|picture|signature|(^|[a-z_])key$/i;

export const auditChangeLimits = {
  /** Deeper objects are cut. */
  maxDepth: 4,
  /** Longer arrays keep their first items. */
  maxItems: 50,
  /** Longer strings keep their start. */
  maxText: 500,
} as const;

const cut = '…';

function redactValue(value: unknown, depth: number): unknown {
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return value;
  if (typeof value === 'string')
    return value.length > auditChangeLimits.maxText ? value.slice(0, auditChangeLimits.maxText) + cut : value;
  if (depth >= auditChangeLimits.maxDepth) return cut;
  if (Array.isArray(value)) {
    const kept = value.slice(0, auditChangeLimits.maxItems).map((item) => redactValue(item, depth + 1));
    return value.length > auditChangeLimits.maxItems ? [...kept, cut] : kept;
  }
  if (typeof value === 'object') return redactObject(value as Record<string, unknown>, depth);
  // undefined, functions, symbols, bigints: nothing JSON would carry.
  return undefined;
}

function redactObject(object: Record<string, unknown>, depth: number): Record<string, unknown> {
  const redacted: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined) continue;
    redacted[key] = secretKey.test(key) ? auditRedacted : redactValue(value, depth + 1);
  }
  return redacted;
}

/**
 * What an audit entry keeps of a request's body or query: a copy with secrets replaced by
 * `auditRedacted` and long or deep parts cut; null when there is nothing (or nothing but a scalar).
 */
export function auditChangeOf(input: unknown): Record<string, unknown> | null {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return null;
  const redacted = redactObject(input as Record<string, unknown>, 0);
  return Object.keys(redacted).length ? redacted : null;
}
