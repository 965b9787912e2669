import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface StandInAnswer {
  status?: number;
  json: unknown;
}

/**
 * A provider's API over real HTTP on a free local port: every request is kept and answered by `handle`.
 * The stand-ins built on it check requests as the provider documents them and record what they find
 * wrong in `violations` (tests expect it empty) besides answering with the provider's error.
 */
export async function standInServer(handle: (request: StandInRequest) => StandInAnswer) {
  const requests: StandInRequest[] = [];
  const server = http.createServer((incoming, response) => {
    let body = '';
    incoming.setEncoding('utf8');
    incoming.on('data', (chunk: string) => (body += chunk));
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://stand-in');
      const request: StandInRequest = {
        method: incoming.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: incoming.headers,
        body,
      };
      requests.push(request);
      let answer: StandInAnswer;
      try {
        answer = handle(request);
      } catch (error) {
        answer = { status: 500, json: { error: String(error) } };
      }
      response.statusCode = answer.status ?? 200;
      response.setHeader('Content-Type', 'application/json; charset=utf-8');
      response.end(JSON.stringify(answer.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Parses a JSON body, or null when it is not JSON (a violation for every stand-in here). */
export function jsonBody(request: StandInRequest): Record<string, unknown> | null {
  try {
    const parsed = JSON.parse(request.body) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
