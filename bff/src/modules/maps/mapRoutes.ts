import type Router from '@koa/router';
import type { MapConfig, TileSource } from '@jiefang/contracts';
import type { AppState } from '../../http/appState';
import type { RouteRegistry } from '../../http/routeRegistry';

/** `GET /api/map/config`: which tiles maps draw on; public, like the district's outlines it goes with. */
export function mapRoutes(api: RouteRegistry, tiles: TileSource | null): Router<AppState> {
  const { router, route } = api.router();
  const config: MapConfig = { tiles };
  route({ method: 'GET', path: '/api/map/config' }, (ctx) => {
    // Short: a change of tile source reaches open panels within minutes of a restart.
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = config;
  });
  return router;
}
