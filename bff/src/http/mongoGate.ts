import type { Middleware } from 'koa';
import type { AppState } from './appState';
import { dependencyUnavailable } from './httpError';

/**
 * While the MongoDB driver knows no reachable server, API requests get 503 with Retry-After at once
 * rather than each waiting for a server selection to time out. Health checks still run.
 */
export function mongoGate(mongoDown: () => boolean): Middleware<AppState> {
  return async (ctx, next) => {
    if (mongoDown() && ctx.path.startsWith('/api/')) throw dependencyUnavailable('mongodb', 5);
    await next();
  };
}
