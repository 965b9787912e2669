import type Router from '@koa/router';
import { reverseGeocodeQuerySchema } from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import { callerOf } from '../../http/callerAccess';
import type { RateLimit } from '../../http/rateLimit';
import type { RouteRegistry } from '../../http/routeRegistry';
import type { ReverseGeocoder } from './reverseGeocoder';

/** GET /api/geocode/reverse: the address under a report's pin (signed-in, limited per user: it costs money). */
export function geocodingRoutes(
  api: RouteRegistry,
  deps: { geocoder: ReverseGeocoder; rateLimit: RateLimit },
): Router<AppState> {
  const { router, route } = api.router();
  route(
    { method: 'GET', path: '/api/geocode/reverse', query: reverseGeocodeQuerySchema },
    async (ctx, { query }) => {
      await deps.rateLimit.consume(callerOf(ctx.state).userId);
      ctx.set('Cache-Control', 'private, max-age=600');
      ctx.body = await deps.geocoder.addressAt({ lat: query.lat, lng: query.lng });
    },
  );
  return router;
}
