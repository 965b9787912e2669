import { createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { roleSchema, type Role } from '@jiefang/contracts';
import type { Clock } from '../../infra/clock';
import { HttpError, unauthenticated } from '../../http/httpError';
import type { Caller } from '../../http/appState';

const claimsSchema = z.object({
  sub: z.string().min(1),
  roles: z.array(roleSchema).min(1),
  squadId: z.string().optional(),
  name: z.string().optional(),
});

export interface AccessTokens {
  issue(userId: string, roles: Role[], squadId?: string, name?: string): { token: string; expiresAt: Date };
  verify(token: string): Caller;
}

/** HS256 JWTs whose issue and expiry times come from the injected clock. */
export function accessTokens(secret: string, ttlSeconds: number, clock: Clock): AccessTokens {
  const issuer = 'jiefang-bff';
  // A key object made once: given a string, jsonwebtoken first tries (and fails) to read it as a public
  // key on every verification, which costs more than the HMAC itself.
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  return {
    issue(userId, roles, squadId, name) {
      const issuedAt = Math.floor(clock.now().getTime() / 1000);
      const token = jwt.sign(
        {
          sub: userId,
          roles,
          ...(squadId ? { squadId } : {}),
          ...(name ? { name } : {}),
          iat: issuedAt,
          exp: issuedAt + ttlSeconds,
        },
        key,
        {
          algorithm: 'HS256',
          issuer,
        },
      );
      return { token, expiresAt: new Date((issuedAt + ttlSeconds) * 1000) };
    },
    verify(token) {
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
        ...(claims.data.name ? { name: claims.data.name } : {}),
      };
    },
  };
}
