import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { ApiRoute } from '@jiefang/contracts';

export interface RouteRequest {
  method: string;
  /** Path and query string. */
  url: string;
  token?: string;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface RouteResponse {
  status: number;
  body: string;
}

/**
 * Sends one request with fetch: unlike supertest it can hang up on an event stream once its status is
 * known, and it sends bodies and paths exactly as given.
 */
export async function send(server: Server, request: RouteRequest): Promise<RouteResponse> {
  const { port } = server.address() as AddressInfo;
  const abort = new AbortController();
  const headers: Record<string, string> = { ...request.headers };
  if (request.token !== undefined) headers.Authorization = `Bearer ${request.token}`;
  if (request.body !== undefined) headers['Content-Type'] = request.contentType ?? 'application/json';
  const response = await fetch(`http://127.0.0.1:${port}${request.url}`, {
    method: request.method,
    headers,
    body: request.body,
    signal: abort.signal,
  });
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    abort.abort();
    return { status: response.status, body: '' };
  }
  return { status: response.status, body: await response.text() };
}

/** The route's path with each parameter filled in by `value`. */
export function pathOf(route: ApiRoute, value: (param: string) => string): string {
  return route.path.replace(/:([A-Za-z]+)/g, (_, param: string) => encodeURIComponent(value(param)));
}

export const describeRoute = (route: { method: string; path: string }) => `${route.method} ${route.path}`;
