import { errorBodySchema, fieldErrorSchema, type ErrorCode, type HttpMethod } from '@jiefang/contracts';
import { t } from '../i18n';
import type { RouteTarget } from './contractRoute';

/** The BFF's error codes plus the two the client itself produces. */
export type ApiErrorCode = ErrorCode | 'network' | 'bad_response';

/** Any failed API call: `message` is Chinese and meant to be shown to the user as is. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The token is missing, wrong or expired: the session must end and the user sign in again. */
  get isAuthFailure(): boolean {
    return this.code === 'unauthenticated' || this.code === 'token_expired';
  }

  /** The message plus any per-field messages of a validation failure, for showing inline. */
  get displayMessage(): string {
    const fields = fieldMessages(this.details).filter((message) => message !== this.message);
    return [this.message, ...fields].join('：');
  }
}

/** Per-field messages from `details`, which the BFF sends as `{ fields: [{ path, message }] }`. */
export function fieldMessages(details: unknown): string[] {
  const list =
    details && typeof details === 'object' && 'fields' in details
      ? (details as { fields: unknown }).fields
      : details;
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => {
    const parsed = fieldErrorSchema.safeParse(item);
    return parsed.success ? [parsed.data.message] : [];
  });
}

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface HttpResponse {
  status: number;
  body: unknown;
}

/** Sends one request; rejects only when no HTTP response arrived at all. */
export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

/** Anything with zod's `safeParse`, so the client needs no zod import of its own. */
export interface Parser<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false };
}

const fallbackCodeByStatus: Record<number, ErrorCode> = {
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  429: 'rate_limited',
  503: 'dependency_unavailable',
};

/** Turns a non-2xx response into an ApiError, trusting the BFF's `{ error: { code, message } }` body. */
export function toApiError(response: HttpResponse): ApiError {
  const parsed = errorBodySchema.safeParse(response.body);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(code, message, response.status, details);
  }
  // Not our error shape (a proxy's HTML page, a new code this build does not know): keep the status' meaning.
  if (response.status === 401) return new ApiError('unauthenticated', t('error.sessionExpired'), 401);
  const code = fallbackCodeByStatus[response.status];
  if (code) return new ApiError(code, t('error.server'), response.status);
  if (response.status >= 500) return new ApiError('internal', t('error.server'), response.status);
  return new ApiError('bad_response', t('error.badResponse'), response.status);
}

export interface ApiClientOptions {
  /** '' for same-origin (H5), or an absolute origin such as http://127.0.0.1:3000 (mini-program). */
  baseUrl: string;
  transport: Transport;
  getToken: () => string | undefined;
  /** Called once per failed call whose token the BFF rejected (401), after which the call still rejects. */
  onAuthFailure?: (error: ApiError) => void;
}

export interface ApiClient {
  /**
   * Calls one route of the contracts (see `contractRoute`); `body` only for methods that carry one, `{}`
   * when they carry none; `headers` are added to the request's own (e.g. an Idempotency-Key).
   */
  send<T>(
    target: RouteTarget,
    parser: Parser<T>,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<T>;
}

export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const send = async <T>(
    method: HttpMethod,
    path: string,
    body: unknown,
    parser: Parser<T>,
    extraHeaders: Record<string, string> = {},
  ): Promise<T> => {
    const token = options.getToken();
    const headers: Record<string, string> = { ...extraHeaders, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;

    let response: HttpResponse;
    try {
      response = await options.transport({ method, url: joinUrl(options.baseUrl, path), headers, body });
    } catch {
      throw new ApiError('network', t('error.network'), 0);
    }

    if (response.status < 200 || response.status >= 300) {
      const error = toApiError(response);
      if (error.isAuthFailure && token) options.onAuthFailure?.(error);
      throw error;
    }
    const parsed = parser.safeParse(response.body);
    if (!parsed.success) throw new ApiError('bad_response', t('error.badResponse'), response.status);
    return parsed.data;
  };

  return {
    send: (target, parser, body, headers) =>
      send(target.method, target.path, target.method === 'GET' ? undefined : (body ?? {}), parser, headers),
  };
}
