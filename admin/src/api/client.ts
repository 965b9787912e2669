import { errorBodySchema } from '@jiefang/contracts';
import { z } from 'zod';
import { ApiError } from './errors';

export interface ApiClientOptions {
  /** Prefix for every path, e.g. `https://example.org`; empty for same-origin. */
  baseUrl: string;
  /** The bearer token of the current session, if any. */
  getToken: () => string | null;
  /** Called when a request that carried a token is refused as unauthenticated. */
  onUnauthenticated: (error: ApiError) => void;
  fetch?: typeof fetch;
}

export interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  /** Validates the response body; a mismatch is a `bad_response` error. */
  schema: z.ZodType<T>;
  /** Non-2xx statuses whose body is still a regular answer (e.g. 503 from `/readyz`). */
  acceptStatuses?: readonly number[];
  signal?: AbortSignal;
}

export interface ApiClient {
  request<T>(path: string, options: RequestOptions<T>): Promise<T>;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');

  async function request<T>(
    path: string,
    { method = 'GET', body, schema, acceptStatuses = [], signal }: RequestOptions<T>,
  ) {
    const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    const token = options.getToken();
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;

    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (cause) {
      if (signal?.aborted) throw cause;
      throw new ApiError(0, 'network_error', '', cause);
    }

    const payload = await readJson(response);

    if (response.ok || acceptStatuses.includes(response.status)) {
      const parsed = schema.safeParse(payload);
      if (!parsed.success) throw new ApiError(response.status, 'bad_response', '', parsed.error.issues);
      return parsed.data;
    }

    const error = apiErrorOf(response.status, response.headers.get('Retry-After'), payload);
    if (token && error.isUnauthenticated) options.onUnauthenticated(error);
    throw error;
  }

  return { request };
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const looseErrorBodySchema = z.object({ error: z.object({ message: z.string() }) });

/** The ApiError of a refused `fetch` response (reads its body). */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  return apiErrorOf(response.status, response.headers.get('Retry-After'), await readJson(response));
}

/** The ApiError for a non-2xx answer, from its status, `Retry-After` header and parsed body. */
export function apiErrorOf(status: number, retryAfterHeader: string | null, payload: unknown): ApiError {
  const retryAfter = parseRetryAfter(retryAfterHeader);
  const parsed = errorBodySchema.safeParse(payload);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(status, code, message, details, retryAfter);
  }
  // A newer BFF may send a code this build does not know yet: keep its message for the person.
  const loose = looseErrorBodySchema.safeParse(payload);
  if (loose.success) {
    const code = status >= 500 ? 'internal' : 'unprocessable';
    return new ApiError(status, code, loose.data.error.message, undefined, retryAfter);
  }
  // Not the BFF's error shape: a proxy or gateway answered (502 while the BFF is down, for example).
  if (status === 429) return new ApiError(429, 'rate_limited', '', undefined, retryAfter);
  if (status >= 500) return new ApiError(status, 'dependency_unavailable', '');
  return new ApiError(status, 'bad_response', '');
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : undefined;
}
