import type { Redis } from 'ioredis';

/** A provider's access token as fetched: the token and its lifetime, or why there is none. */
export type FetchedToken = { token: string; expiresInSeconds: number } | { error: string };

/**
 * An access token shared by every BFF instance through Redis (so they do not each fetch one and
 * invalidate each other's), renewed five minutes early. `refused(token)` drops it only when Redis still
 * holds that very token: another instance may have renewed it already.
 */
export function sharedAccessToken(options: {
  redis: Redis;
  key: string;
  fetch: (previous: string | null) => Promise<FetchedToken>;
}) {
  const { redis, key } = options;
  const store = async (fetched: FetchedToken) => {
    if ('error' in fetched) return fetched;
    await redis.set(key, fetched.token, 'EX', Math.max(60, fetched.expiresInSeconds - 300));
    return fetched;
  };
  return {
    async current(): Promise<FetchedToken> {
      const cached = await redis.get(key);
      if (cached) return { token: cached, expiresInSeconds: 0 };
      return store(await options.fetch(null));
    },
    /** The provider called `token` expired or invalid: fetch a new one (given the refused one). */
    async renewAfterRefusal(token: string): Promise<FetchedToken> {
      const cached = await redis.get(key);
      if (cached && cached !== token) return { token: cached, expiresInSeconds: 0 };
      await redis.del(key);
      return store(await options.fetch(token));
    },
  };
}

export type SharedAccessToken = ReturnType<typeof sharedAccessToken>;

type TokenAnswer<Answer> = ({ ok: true } & Answer) | { ok: false; error: string };

/**
 * Sends with the current token; when the provider answers one of `refusedCodes` (the token expired, or
 * another holder forced a refresh) once more with a new token.
 */
export async function sendWithToken<Answer extends { errcode: number }>(
  tokens: SharedAccessToken,
  refusedCodes: ReadonlySet<number>,
  send: (token: string) => Promise<TokenAnswer<Answer>>,
): Promise<TokenAnswer<Answer>> {
  const token = await tokens.current();
  if ('error' in token) return { ok: false, error: token.error };
  const answer = await send(token.token);
  if (!answer.ok || !refusedCodes.has(answer.errcode)) return answer;
  const renewed = await tokens.renewAfterRefusal(token.token);
  if ('error' in renewed) return { ok: false, error: renewed.error };
  return send(renewed.token);
}
