import type Koa from 'koa';
import type Router from '@koa/router';
import { madeByRouteRegistry } from '../http/routeRegistry';

export interface MountedRoute {
  method: string;
  path: string;
  /** Registered from its descriptor through the route registry (with the descriptor's access and validation). */
  throughRegistry: boolean;
}

/** Every endpoint the app serves, read from its routers, so a suite over them needs no list of its own. */
export function mountedRoutes(koa: Koa): MountedRoute[] {
  const routes: MountedRoute[] = [];
  for (const middleware of koa.middleware) {
    // @koa/router marks the middleware of `routes()` with the router it dispatches to.
    const router = (middleware as { router?: Router }).router;
    if (!router) continue;
    for (const layer of router.stack) {
      for (const method of layer.methods) {
        if (method === 'HEAD') continue;
        routes.push({ method, path: String(layer.path), throughRegistry: madeByRouteRegistry(layer) });
      }
    }
  }
  return routes;
}
