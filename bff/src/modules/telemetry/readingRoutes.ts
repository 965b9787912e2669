import type Router from '@koa/router';
import { deviceReadingsQuerySchema, noiseSitesQuerySchema } from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { callerOf } from '../../http/callerAccess';
import type { RouteRegistry } from '../../http/routeRegistry';
import type { NoiseReadings } from './noiseReadings';

/** Noise levels for residents near home, and a meter's recent history for the console. */
export function readingRoutes(api: RouteRegistry, readings: NoiseReadings): Router<AppState> {
  const { router, route } = api.router();

  route(
    { method: 'GET', path: '/api/devices/:id/readings', query: deviceReadingsQuerySchema },
    async (ctx, { query }) => {
      ctx.body = await readings.meterHistory(callerOf(ctx.state), ctx.params.id ?? '', query.minutes);
    },
  );

  route({ method: 'GET', path: '/api/noise/sites', query: noiseSitesQuerySchema }, async (ctx, { query }) => {
    ctx.body = await readings.sitesNear(query);
  });

  return router;
}
