import type { z } from 'zod';

/** A JSON answer from a provider, or the transient failure that kept it from us. */
export type JsonAnswer = { ok: true; status: number; body: unknown } | { ok: false; error: string };

/**
 * Sends one HTTP request and reads its JSON answer. A timeout, a refused connection, a 5xx or a body
 * that is not JSON is a transient failure (the outbox retries), never a throw.
 */
export async function requestJson(
  url: URL,
  init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string; timeoutMs: number },
): Promise<JsonAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      headers: init.headers,
      body: init.body,
      signal: AbortSignal.timeout(init.timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return { ok: false, error: timedOut ? `timeout after ${init.timeoutMs} ms` : describe(error) };
  }
  const text = await response.text().catch(() => '');
  if (response.status >= 500) return { ok: false, error: `HTTP ${response.status}` };
  try {
    return { ok: true, status: response.status, body: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, error: `HTTP ${response.status}, not JSON` };
  }
}

/**
 * POSTs a JSON body to a WeChat-family API (`?access_token=`) and reads its answer with `schema`; an
 * answer of another shape is a transient failure like any other.
 */
export async function postWithAccessToken<Answer>(
  endpoint: URL,
  token: string,
  body: string,
  schema: z.ZodType<Answer>,
  timeoutMs: number,
): Promise<({ ok: true } & Answer) | { ok: false; error: string }> {
  const url = new URL(endpoint);
  url.search = new URLSearchParams({ access_token: token }).toString();
  const answer = await requestJson(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
    timeoutMs,
  });
  if (!answer.ok) return answer;
  const parsed = schema.safeParse(answer.body);
  return parsed.success ? { ok: true, ...parsed.data } : { ok: false, error: 'unexpected answer' };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: { code?: string } }).cause?.code;
  return cause ? `${error.message} (${cause})` : error.message;
}
