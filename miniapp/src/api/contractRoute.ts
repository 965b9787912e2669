import { apiRoutes, type ApiRoute, type HttpMethod } from '@jiefang/contracts';

/** The `:name` parameters of a route path, as a union of string literals. */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** Query values in the order they are written; a list is sent comma-separated, undefined is left out. */
export type QueryValues = Record<string, string | number | readonly string[] | undefined>;

/** One concrete call of a route: what the API client sends. */
export interface RouteTarget {
  method: HttpMethod;
  path: string;
}

/** A BFF route as the contracts describe it, ready to be called with its path parameters filled in. */
export interface ContractRoute<P extends string> {
  readonly descriptor: ApiRoute;
  to(
    ...args: [PathParams<P>] extends [never]
      ? [params?: Record<string, never>, query?: QueryValues]
      : [params: Record<PathParams<P>, string>, query?: QueryValues]
  ): RouteTarget;
}

/** `?a=1&b=x,y` from the values given (encoded, undefined left out), or '' when there are none. */
export function queryString(query: QueryValues = {}): string {
  const pairs = Object.entries(query).flatMap(([name, value]) => {
    if (value === undefined) return [];
    const text = Array.isArray(value)
      ? value.map((item: string) => encodeURIComponent(item)).join(',')
      : encodeURIComponent(String(value));
    return [`${encodeURIComponent(name)}=${text}`];
  });
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

/**
 * The contracts' descriptor of `method path`. Throws when there is none, so an app that calls a route the
 * BFF does not have fails when its API module loads (and in its tests), not on a user's phone later.
 */
export function contractRoute<const P extends string>(method: HttpMethod, path: P): ContractRoute<P> {
  const descriptor = apiRoutes.find((route) => route.method === method && route.path === path);
  if (!descriptor) throw new Error(`No route ${method} ${path} in @jiefang/contracts apiRoutes`);
  return {
    descriptor,
    to(params?: Record<string, string>, query?: QueryValues) {
      const filled = path.replace(/:(\w+)/g, (_whole, name: string) => {
        const value = params?.[name];
        if (value === undefined) throw new Error(`Route ${method} ${path} needs its :${name}`);
        return encodeURIComponent(value);
      });
      return { method, path: `${filled}${queryString(query)}` };
    },
  };
}
