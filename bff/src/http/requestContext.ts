import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from '../infra/logger';
import type { AppState } from './appState';

const acceptableRequestId = /^[A-Za-z0-9._-]{8,128}$/;

/** Gives each request an id (kept from X-Request-Id when sane) and a logger that prints it on every line. */
export function requestContext(logger: Logger): Middleware<AppState> {
  return async (ctx, next) => {
    const incoming = ctx.get('X-Request-Id');
    const requestId = acceptableRequestId.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    ctx.state.logger = logger.child({ reqId: requestId });
    ctx.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      ctx.state.logger.info(
        {
          method: ctx.method,
          path: ctx.path,
          status: ctx.status,
          durationMs: Math.round(durationMs * 10) / 10,
        },
        'request completed',
      );
    }
  };
}
