import type { Middleware } from 'koa';
import type { ErrorBody } from '@jiefang/contracts';
import { HttpError, dependencyUnavailable } from './httpError';
import { failedDependencyOf } from './dependencyFailure';
import { prototypeKeyError } from './prototypeKeys';
import type { AppState } from './appState';
import { DocumentBusyError } from '../infra/documentLocks';

/** Maps every error to `{ error: { code, message, details } }` with the right status. */
export const errorMiddleware: Middleware<AppState> = async (ctx, next) => {
  try {
    await next();
    if (ctx.status === 404 && ctx.body === undefined) {
      throw new HttpError(404, 'not_found', `没有这个接口：${ctx.method} ${ctx.path}`);
    }
  } catch (caught) {
    const error = toHttpError(caught);
    // A 503 is a dependency away or start-up under way: expected, and already visible in /readyz.
    if (error.status === 503) {
      ctx.state.logger.warn({ code: error.code, details: error.details }, error.message);
    } else if (error.status >= 500) {
      ctx.state.logger.error({ err: caught }, 'request failed');
    } else {
      ctx.state.logger.info({ code: error.code, status: error.status }, error.message);
    }
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details !== undefined) body.error.details = error.details;
    ctx.status = error.status;
    ctx.set(error.headers);
    ctx.body = body;
  }
};

/** The status and code an error is answered with (the audit log records the status of a failed action). */
export function toHttpError(caught: unknown): HttpError {
  if (caught instanceof HttpError) return caught;
  if (caught instanceof DocumentBusyError) {
    return new HttpError(409, 'conflict', '该记录正被其他操作占用，请稍后重试', { retryAfterSeconds: 1 });
  }
  const dependency = failedDependencyOf(caught);
  if (dependency) return dependencyUnavailable(dependency);

  // Errors thrown by body parsing (raw-body / co-body) carry a status and a type.
  const parsed = caught as { status?: number; type?: string; message?: string };
  // The JSON parser (co-body's bourne) refuses `__proto__` keys with this error.
  if (parsed.status === 400 && /forbidden prototype property/.test(parsed.message ?? '')) {
    return prototypeKeyError('(body)');
  }
  if (parsed.type === 'entity.too.large' || parsed.status === 413) {
    return new HttpError(413, 'payload_too_large', '请求内容过大');
  }
  if (
    parsed.type === 'entity.parse.failed' ||
    (parsed.status === 400 && /JSON/i.test(parsed.message ?? ''))
  ) {
    return new HttpError(400, 'malformed_json', '请求体不是合法的 JSON');
  }
  if (parsed.status === 415 || parsed.type === 'encoding.unsupported') {
    return new HttpError(415, 'unsupported_media_type', '不支持的内容类型');
  }
  return new HttpError(500, 'internal', '服务器内部错误');
}
