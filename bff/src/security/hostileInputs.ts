import jwt from 'jsonwebtoken';
import { z } from 'zod';
import type { ApiRoute } from '@jiefang/contracts';

/** Values a field should refuse without the server falling over. */
export const hostileValues: ReadonlyArray<{ name: string; value: unknown }> = [
  { name: 'operator $gt', value: { $gt: '' } },
  { name: 'operator $ne', value: { $ne: null } },
  { name: 'operator $where', value: { $where: 'sleep(1000) || true' } },
  { name: 'operator $regex', value: { $regex: '.*', $options: 'si' } },
  { name: 'operator in array', value: [{ $gt: '' }] },
  { name: 'control characters', value: 'a\u0000b\u0007c\u001b[31m' },
  { name: 'bidi override', value: '\u202eexe.gpj\u2066\u200f' },
  { name: 'lone surrogate', value: '\ud800x' },
  { name: 'huge string', value: 'x'.repeat(60_000) },
  { name: 'huge number', value: 1e308 },
  { name: 'negative', value: -1 },
  { name: 'past safe integers', value: 2 ** 53 + 2 },
  { name: 'date beyond range', value: 9e15 },
  { name: 'bad date string', value: '9999-99-99T99:99:99Z' },
  { name: 'empty array', value: [] },
  { name: 'long array', value: Array.from({ length: 2_000 }, (_, index) => index) },
  { name: 'nested arrays', value: [[[[[]]]]] },
  { name: 'boolean', value: true },
  { name: 'null', value: null },
  { name: 'object', value: { nested: { deeper: 'value' } } },
];

const nestedJson = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/** Whole request bodies that are not what any route expects. */
export const hostileBodies: ReadonlyArray<{ name: string; body: string; contentType?: string }> = [
  { name: 'empty', body: '' },
  { name: 'null', body: 'null' },
  { name: 'array', body: '[]' },
  { name: 'string', body: '"text"' },
  { name: 'number', body: '42' },
  { name: 'truncated', body: '{"a":' },
  { name: 'not json', body: 'not json at all' },
  { name: '__proto__ key', body: '{"__proto__":{"polluted":true,"roles":["admin"]}}' },
  { name: 'nested __proto__', body: '{"a":{"__proto__":{"polluted":true}}}' },
  { name: 'constructor.prototype', body: '{"constructor":{"prototype":{"polluted":true}}}' },
  { name: 'deeply nested', body: nestedJson(5_000) },
  { name: 'operator at top', body: '{"$where":"sleep(1000)","$gt":""}' },
  { name: 'form encoded', body: 'a=1&b[$gt]=', contentType: 'application/x-www-form-urlencoded' },
  { name: 'multipart without boundary', body: 'x', contentType: 'multipart/form-data' },
  { name: 'text', body: 'hello', contentType: 'text/plain' },
];

/** Query strings that try operators, prototype keys, arrays and extremes on each of the route's keys. */
export function hostileQueries(route: ApiRoute, bodyLimitBytes: number): string[] {
  const keys = route.query ? objectKeysOf(route.query) : [];
  const queries = [
    '__proto__[polluted]=1',
    'constructor[prototype][polluted]=1',
    `huge=${'x'.repeat(Math.min(bodyLimitBytes, 6_000))}`,
  ];
  for (const key of keys.length ? keys : ['q']) {
    queries.push(
      `${key}[$ne]=x`,
      `${key}[$gt]=`,
      `${key}=a&${key}=b`,
      `${key}[__proto__][polluted]=1`,
      `${key}=-1`,
      `${key}=1e400`,
      `${key}=99999999999999999999`,
      `${key}=%00%07`,
      `${key}=%E2%80%AE`,
      `${key}=${'9'.repeat(4_000)}`,
    );
  }
  return queries;
}

/** Path parameter values that try traversal, operators, encodings and length. */
export const hostileParams: readonly string[] = [
  '../../../etc/passwd',
  '{"$gt":""}',
  '$where',
  '\u0000',
  '\u202e',
  ' ',
  'x'.repeat(5_000),
  '%E0%A4%A',
  '__proto__',
  'constructor',
];

/** Bodies with each of the schema's keys replaced in turn by every hostile value. */
export function hostileFieldBodies(route: ApiRoute): Array<{ name: string; body: string }> {
  if (!route.body) return [];
  const bodies: Array<{ name: string; body: string }> = [];
  for (const key of objectKeysOf(route.body)) {
    for (const { name, value } of hostileValues) {
      bodies.push({ name: `${key}: ${name}`, body: JSON.stringify({ [key]: value }) });
    }
  }
  return bodies;
}

/** Bearer tokens that must be refused with 401: forged, unsigned, stale, malformed. */
export function hostileTokens(secret: string, nowSeconds: number): Array<{ name: string; token: string }> {
  const claims = { sub: 'attacker', roles: ['admin'], iss: 'jiefang-bff', iat: nowSeconds };
  const exp = nowSeconds + 3_600;
  const unsigned = (payload: object) => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`;
  return [
    { name: 'garbage', token: 'not-a-token' },
    { name: 'unsigned (alg none)', token: unsigned({ ...claims, exp }) },
    {
      name: 'signed with another key',
      token: jwt.sign({ ...claims, exp }, 'another-secret-that-is-long-enough'),
    },
    { name: 'expired', token: jwt.sign({ ...claims, exp: nowSeconds - 60 }, secret) },
    { name: 'without exp', token: jwt.sign(claims, secret) },
    { name: 'another issuer', token: jwt.sign({ ...claims, iss: 'elsewhere', exp }, secret) },
    { name: 'unknown role', token: jwt.sign({ ...claims, roles: ['superuser'], exp }, secret) },
    { name: 'roles not a list', token: jwt.sign({ ...claims, roles: 'admin', exp }, secret) },
    { name: 'operator as subject', token: jwt.sign({ ...claims, sub: { $gt: '' }, exp }, secret) },
    {
      name: 'HS256 header, RS256 claim',
      token: jwt.sign({ ...claims, exp }, secret, { algorithm: 'HS512' }),
    },
  ];
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The keys of an object schema, seen through optional, default, pipe and similar wrappers. */
export function objectKeysOf(schema: z.ZodType): string[] {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodNullable)
    return objectKeysOf(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodPipe) return objectKeysOf(schema.in as z.ZodType);
  return [];
}
