import { createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { roleSchema, type Role } from '@jiefang/contracts';
import type { Clock } from '../../infra/clock';
import { HttpError, unauthenticated } from '../../http/httpError';
import type { Caller } from '../../http/appState';
import type { TokenRevocations } from './tokenRevocations';

const claimsSchema = z.object({
  sub: z.string().min(1),
  roles: z.array(roleSchema).min(1),
  squadId: z.string().optional(),
  /** The account's street, null for none; absent on tokens issued before it was carried. */
  st: z.string().nullable().optional(),
  name: z.string().optional(),
  // A token without an expiry would be valid for ever.
  exp: z.number().int(),
  /** The user's token version at issue; tokens from before versions existed count as 0. */
  ver: z.number().int().min(0).default(0),
  /** Issued by the dev login. */
  dev: z.literal(true).optional(),
  /** Issued for a one-time password: good only for changing it. */
  pwc: z.literal(true).optional(),
});

export interface TokenSubject {
  userId: string;
  roles: Role[];
  squadId?: string;
  /** The account's street (a street's staff, a street's administrator). */
  streetId?: string;
  name?: string;
  tokenVersion?: number;
  /** Marks the token as one from the dev login, which may not do everything a real sign-in may. */
  viaDevLogin?: boolean;
  /** Signed in with a one-time password: the token may only change it. */
  passwordChangeOnly?: boolean;
}

export interface AccessTokens {
  issue(subject: TokenSubject): { token: string; expiresAt: Date };
  /** Checks the signature and expiry, and refuses a token its user's revocation (disabling) has made invalid. */
  authenticate(token: string): Promise<Caller>;
}

/** HS256 JWTs whose issue and expiry times come from the injected clock. */
export function accessTokens(
  secret: string,
  ttlSeconds: number,
  clock: Clock,
  revocations: TokenRevocations,
  /**
   * The street of an account, read for an administrator's token issued before tokens carried it, so
   * that a street's administrator is never taken for the district's; new tokens need no read.
   */
  legacyStreetOf: (userId: string) => Promise<string | null> = async () => null,
): AccessTokens {
  const issuer = 'jiefang-bff';
  // A key object made once: given a string, jsonwebtoken first tries (and fails) to read it as a public
  // key on every verification, which costs more than the HMAC itself.
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  const verifySignature = (token: string): Caller & { tokenVersion: number; streetKnown: boolean } => {
    let payload: unknown;
    try {
      payload = jwt.verify(token, key, {
        algorithms: ['HS256'],
        issuer,
        clockTimestamp: Math.floor(clock.now().getTime() / 1000),
      });
    } catch (error) {
      if (error instanceof jwt.TokenExpiredError) {
        throw new HttpError(401, 'token_expired', '登录已过期，请重新登录');
      }
      throw unauthenticated('登录凭证无效，请重新登录');
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw unauthenticated('登录凭证无效，请重新登录');
    return {
      userId: claims.data.sub,
      roles: claims.data.roles,
      ...(claims.data.squadId ? { squadId: claims.data.squadId } : {}),
      ...(claims.data.st ? { streetId: claims.data.st } : {}),
      ...(claims.data.name ? { name: claims.data.name } : {}),
      ...(claims.data.dev ? { viaDevLogin: true } : {}),
      ...(claims.data.pwc ? { passwordChangeOnly: true } : {}),
      tokenVersion: claims.data.ver,
      streetKnown: claims.data.st !== undefined,
    };
  };

  return {
    issue(subject) {
      const issuedAt = Math.floor(clock.now().getTime() / 1000);
      const token = jwt.sign(
        {
          sub: subject.userId,
          roles: subject.roles,
          ...(subject.squadId ? { squadId: subject.squadId } : {}),
          st: subject.streetId ?? null,
          ...(subject.name ? { name: subject.name } : {}),
          ...(subject.tokenVersion ? { ver: subject.tokenVersion } : {}),
          ...(subject.viaDevLogin ? { dev: true } : {}),
          ...(subject.passwordChangeOnly ? { pwc: true } : {}),
          iat: issuedAt,
          exp: issuedAt + ttlSeconds,
        },
        key,
        { algorithm: 'HS256', issuer },
      );
      return { token, expiresAt: new Date((issuedAt + ttlSeconds) * 1000) };
    },
    async authenticate(token) {
      const { tokenVersion, streetKnown, ...caller } = verifySignature(token);
      await revocations.assertCurrent(caller.userId, tokenVersion);
      if (!streetKnown && caller.roles.includes('admin')) {
        const streetId = await legacyStreetOf(caller.userId);
        if (streetId) return { ...caller, streetId };
      }
      return caller;
    },
  };
}
