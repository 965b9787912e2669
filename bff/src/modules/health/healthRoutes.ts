import type Router from '@koa/router';
import type { DependencyName, Health } from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import type { RouteRegistry } from '../../http/routeRegistry';
import { checkReadiness, type DependencyProbe } from './readiness';

export function healthRoutes(
  api: RouteRegistry,
  probes: Record<DependencyName, DependencyProbe>,
  version: string,
  /** True until the start-up work is done: readiness says `starting`. */
  starting: () => boolean = () => false,
): Router<AppState> {
  const { router, route } = api.router();
  const startedAt = process.uptime();

  route({ method: 'GET', path: '/healthz' }, (ctx) => {
    const body: Health = { status: 'ok', uptimeSeconds: Math.round(process.uptime() - startedAt), version };
    ctx.body = body;
  });

  route({ method: 'GET', path: '/readyz' }, async (ctx) => {
    const readiness = await checkReadiness(probes, 1500, starting);
    if (readiness.status !== 'ready') {
      ctx.status = 503;
      ctx.set('Retry-After', '5');
    }
    ctx.set('Cache-Control', 'no-store');
    ctx.body = readiness;
  });

  return router;
}
