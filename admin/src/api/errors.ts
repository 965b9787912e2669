import { type ErrorCode } from '@jiefang/contracts';
import { t } from '../i18n';

/** Codes the client adds to the BFF's own: the request never got a usable answer. */
export type ClientErrorCode = 'network_error' | 'bad_response';

/** A failed API call. `status` is 0 when no HTTP response arrived. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    readonly details?: unknown,
    /** Seconds from a `Retry-After` header, when the server sent one. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  /** The session is gone: the token was missing, invalid or expired. */
  get isUnauthenticated(): boolean {
    return this.status === 401 && (this.code === 'unauthenticated' || this.code === 'token_expired');
  }
}

/** A sentence for the person at the screen, in the current locale. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return t('error.unknown');
  switch (error.code) {
    case 'network_error':
      return t('error.network');
    case 'bad_response':
      return t('error.badResponse');
    case 'rate_limited':
      return error.retryAfterSeconds
        ? t('error.rateLimitedRetry', { seconds: error.retryAfterSeconds })
        : t('error.rateLimited');
    default:
      break;
  }
  if (error.status === 429) return t('error.rateLimited');
  // The BFF writes its messages for people, in Chinese; fall back by status only when it sent none.
  if (error.message) return error.message;
  if (error.status === 401) return t('error.unauthenticated');
  if (error.status === 403) return t('error.forbidden');
  if (error.status >= 500) return t('error.server');
  return t('error.unknown');
}

/** Client errors (4xx) will not succeed on a retry; network trouble and 5xx might. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return error.status === 0 || error.status >= 500;
}
