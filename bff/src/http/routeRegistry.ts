import Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import type { z } from 'zod';
import { apiRoutes, type ApiRoute, type HttpMethod } from '@jiefang/contracts';
import type { AppState } from './appState';
import {
  refuseUntilPasswordChanged,
  requireAuth,
  requireRole,
  type TokenAuthenticator,
} from './callerAccess';
import { parseBody, parseQuery } from './validate';

type Schema = z.ZodType;
type Parsed<S> = S extends Schema ? z.infer<S> : undefined;

export type RouteContext = Router.RouterContext<AppState>;

/** A handler for one described route: the access check and validation have passed. */
export type RouteHandler<Body, Query> = (ctx: RouteContext, input: { body: Body; query: Query }) => unknown;

export interface RouteRegistration<Body extends Schema | undefined, Query extends Schema | undefined> {
  method: HttpMethod;
  path: string;
  /** The descriptor's body schema, named again for its type; registering checks it is the very same. */
  body?: Body;
  /** The descriptor's query schema, likewise. */
  query?: Query;
  /**
   * The handler reads the body itself, after checks of its own (POST /api/reports takes JSON or a
   * multipart form, and answers a bad Idempotency-Key first).
   */
  bodyReadByHandler?: true;
  /** Middleware after the access check and before validation (a refusal that outranks a bad body). */
  guards?: ReadonlyArray<Middleware<AppState>>;
}

/**
 * Records what staff do on audited routes (modules/audit): its middleware runs after the sign-in check
 * and before the role check, so that a refusal (403) can be recorded as well as the outcome.
 */
export interface RouteAuditing {
  /** The middleware for one route, or null when the route is not audited. */
  middlewareFor(route: ApiRoute): Middleware<AppState> | null;
  /**
   * Called once the request is checked and validated, just before the handler acts: the moment an
   * entry must be written ahead (a request refused or invalid before then has done nothing).
   */
  acting(ctx: Context): Promise<void>;
}

const describe = (route: Pick<ApiRoute, 'method' | 'path'>) => `${route.method} ${route.path}`;

/** The router layers registries made, so a test can find a route mounted around the registry. */
const registryLayers = new WeakSet<Router.Layer>();

/** Was this router layer made by a registry (and so checked against its descriptor)? */
export const madeByRouteRegistry = (layer: Router.Layer): boolean => registryLayers.has(layer);

/**
 * Routes described once, in contracts' `apiRoutes`: a module registers a handler for a descriptor and
 * the registry applies its access (401/403) and validates its body and query (400, as `parseBody` and
 * `parseQuery` answer) before the handler runs. Each descriptor may have one handler.
 */
export function routeRegistry(options: {
  tokens: TokenAuthenticator;
  routes?: readonly ApiRoute[];
  auditing?: RouteAuditing;
}) {
  const routes = options.routes ?? apiRoutes;
  const registered = new Set<ApiRoute>();
  const signedIn = requireAuth(options.tokens);

  const accessOf = (route: ApiRoute): Array<Middleware<AppState>> => {
    // A public route needs nothing; a signed link is checked by its handler, which knows the link.
    if (route.access === 'public' || route.access === 'signed-link') return [];
    // A one-time password's token reaches only the password change.
    const signedInFully = route.passwordChange ? [signedIn] : [signedIn, refuseUntilPasswordChanged];
    const audit = options.auditing?.middlewareFor(route);
    const audited = audit ? [audit] : [];
    if (route.access === 'signed-in') return [...signedInFully, ...audited];
    return [...signedInFully, ...audited, requireRole(...route.access)];
  };

  const descriptorOf = (method: HttpMethod, path: string): ApiRoute => {
    const route = routes.find((candidate) => candidate.method === method && candidate.path === path);
    if (!route) throw new Error(`${method} ${path} is not described in apiRoutes`);
    if (registered.has(route)) throw new Error(`${describe(route)} has a handler already`);
    return route;
  };

  return {
    /** A router for one module's routes (mounted like any other). */
    router() {
      const router = new Router<AppState>();
      return {
        router,
        route<Body extends Schema | undefined = undefined, Query extends Schema | undefined = undefined>(
          registration: RouteRegistration<Body, Query>,
          handler: RouteHandler<Parsed<Body>, Parsed<Query>>,
        ): void {
          const route = descriptorOf(registration.method, registration.path);
          if (!registration.bodyReadByHandler && registration.body !== route.body)
            throw new Error(`${describe(route)}: the body schema is not the one apiRoutes describes`);
          if (registration.query !== route.query)
            throw new Error(`${describe(route)}: the query schema is not the one apiRoutes describes`);
          registered.add(route);
          const run: Middleware<AppState> = async (ctx) => {
            const routeContext = ctx as RouteContext;
            const body =
              route.body && !registration.bodyReadByHandler ? parseBody(ctx, route.body) : undefined;
            const query = route.query ? parseQuery(ctx, route.query) : undefined;
            await options.auditing?.acting(ctx);
            // The schemas are the descriptor's, checked above to be the registration's, so the types hold.
            await handler(routeContext, { body, query } as { body: Parsed<Body>; query: Parsed<Query> });
          };
          registryLayers.add(
            router.register(
              route.path,
              [route.method],
              [...accessOf(route), ...(registration.guards ?? []), run],
            ),
          );
        },
      };
    },

    /** The descriptors that have a handler. */
    registered: (): ApiRoute[] => [...registered],
  };
}

export type RouteRegistry = ReturnType<typeof routeRegistry>;
export type ApiRouter = ReturnType<RouteRegistry['router']>;
