import { apiRoutes, type ApiRoute, type HttpMethod } from '@jiefang/contracts';

/** The `:name` parameters of a route path, e.g. `'id' | 'escortId'`. */
export type PathParams<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParams<`/${Rest}`>
  : Path extends `${string}:${infer Name}`
    ? Name
    : never;

type ParamsArgument<Path extends string> = [PathParams<Path>] extends [never]
  ? []
  : [params: Record<PathParams<Path>, string>];

/** One call of a route: its method and the URL with the parameters (and query) filled in. */
export interface RouteTarget {
  method: HttpMethod;
  url: string;
}

/** A BFF route the admin panel calls, as described once in the contracts' `apiRoutes`. */
export interface BffRoute<Path extends string> {
  method: HttpMethod;
  path: Path;
  descriptor: ApiRoute;
  /** The call with these path parameters (URI-encoded). */
  at(...params: ParamsArgument<Path>): RouteTarget;
}

/**
 * The contracts' descriptor of `method path`. Throws when contracts does not describe it, so a route the
 * BFF no longer serves fails when the module loads, not on the first click.
 */
export function bffRoute<Path extends string>(method: HttpMethod, path: Path): BffRoute<Path> {
  const descriptor = apiRoutes.find((candidate) => candidate.method === method && candidate.path === path);
  if (!descriptor) throw new Error(`admin api: contracts' apiRoutes has no ${method} ${path}`);
  return {
    method,
    path,
    descriptor,
    at: (...[params]: ParamsArgument<Path>) => ({
      method,
      url: path.replace(/:(\w+)/g, (_, name: string) => {
        const value = (params as Record<string, string> | undefined)?.[name];
        if (value === undefined) throw new Error(`admin api: ${method} ${path} needs :${name}`);
        return encodeURIComponent(value);
      }),
    }),
  };
}

/** The call with a query string added (none when the query is empty). */
export function withQuery(target: RouteTarget, query: URLSearchParams | string): RouteTarget {
  const text = query.toString();
  return text ? { ...target, url: `${target.url}?${text}` } : target;
}
