import type { Middleware } from 'koa';
import type { AppState } from './appState';
import { HttpError } from './httpError';

/**
 * New reports wait (503 with Retry-After) while the BFF is starting: until Redis's index of open tickets
 * is rebuilt, a report that should join a ticket would open a duplicate one. Everything else is served.
 */
export function startupGate(starting: () => boolean): Middleware<AppState> {
  return async (ctx, next) => {
    if (ctx.method === 'POST' && ctx.path === '/api/reports' && starting()) {
      throw new HttpError(
        503,
        'dependency_unavailable',
        '服务正在启动，请稍后重试',
        { dependency: 'redis', starting: true },
        { 'Retry-After': '5' },
      );
    }
    await next();
  };
}
