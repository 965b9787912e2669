import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../infra/logger';
import { gracefulShutdown } from './gracefulShutdown';

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent: new http.Agent({ keepAlive: true }) }, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('gracefulShutdown', () => {
  it('finishes in-flight requests, refuses new ones, then closes dependencies', async () => {
    const events: string[] = [];
    const server = http.createServer((request, response) => {
      const delay = request.url === '/slow' ? 300 : 0;
      setTimeout(() => response.end(`done ${request.url}`), delay);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as AddressInfo;
    const shutdown = gracefulShutdown(server, {
      graceMs: 5000,
      logger: createLogger('silent'),
      closeDependencies: async () => {
        events.push('dependencies closed');
      },
      exit: () => undefined,
    });

    await get(port, '/warm'); // leaves an idle keep-alive socket open
    const inFlight = get(port, '/slow').then((result) => {
      events.push('slow request answered');
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stopped = shutdown();

    expect(await inFlight).toEqual({ status: 200, body: 'done /slow' });
    await stopped;
    expect(events).toEqual(['slow request answered', 'dependencies closed']);
    await expect(get(port, '/late')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('force-closes connections still open after the grace period', async () => {
    const server = http.createServer(() => {
      // never answers
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as AddressInfo;
    const shutdown = gracefulShutdown(server, {
      graceMs: 100,
      logger: createLogger('silent'),
      closeDependencies: async () => undefined,
      exit: () => undefined,
    });
    const hanging = get(port, '/hang').catch((error: Error) => error.message);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await shutdown();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await hanging).toMatch(/socket hang up|ECONNRESET/);
  });
});
