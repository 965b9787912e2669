import type { ErrorCode, FieldError } from '@jiefang/contracts';

/** An error that knows its HTTP status and API code; anything else becomes a 500. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (fields: FieldError[], message = '请求参数有误') =>
  new HttpError(400, 'validation_failed', message, { fields });
export const unauthenticated = (message = '请先登录') => new HttpError(401, 'unauthenticated', message);
export const forbidden = (message = '没有权限执行此操作', details?: unknown) =>
  new HttpError(403, 'forbidden', message, details);
export const notFound = (message = '资源不存在') => new HttpError(404, 'not_found', message);
export const conflict = (message: string, details?: unknown) =>
  new HttpError(409, 'conflict', message, details);
export const unprocessable = (message: string, details?: unknown) =>
  new HttpError(422, 'unprocessable', message, details);
export const tooManyRequests = (retryAfterSeconds: number, message = '操作过于频繁，请稍后再试') =>
  new HttpError(
    429,
    'rate_limited',
    message,
    { retryAfterSeconds },
    {
      'Retry-After': String(retryAfterSeconds),
    },
  );
export const dependencyUnavailable = (dependency: string, retryAfterSeconds = 5) =>
  new HttpError(
    503,
    'dependency_unavailable',
    '服务暂时不可用，请稍后重试',
    { dependency },
    {
      'Retry-After': String(retryAfterSeconds),
    },
  );
