import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '../infra/logger';

export interface ShutdownOptions {
  graceMs: number;
  logger: Logger;
  closeDependencies: () => Promise<void>;
  /** Runs first, e.g. to end long-lived event streams that would otherwise hold the drain open. */
  onShutdownStart?: () => Promise<void>;
  exit?: (code: number) => void;
}

/**
 * On SIGTERM/SIGINT: stop accepting connections, let in-flight requests finish (idle keep-alive
 * sockets are closed at once), force-close what is left after graceMs, then close MongoDB, Redis, MQTT.
 */
export function gracefulShutdown(server: Server, options: ShutdownOptions): () => Promise<void> {
  const sockets = new Set<Socket>();
  const busy = new WeakSet<Socket>();
  let stopping: Promise<void> | null = null;

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('request', (request, response) => {
    busy.add(request.socket);
    response.once('finish', () => {
      busy.delete(request.socket);
      if (stopping) request.socket.end();
    });
  });

  const shutdown = () => {
    stopping ??= (async () => {
      options.logger.info({ openSockets: sockets.size }, 'shutting down: draining requests');
      await options.onShutdownStart?.();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) if (!busy.has(socket)) socket.end();
      const timer = setTimeout(() => {
        options.logger.warn(
          { openSockets: sockets.size },
          'grace period over: closing remaining connections',
        );
        for (const socket of sockets) socket.destroy();
      }, options.graceMs);
      await closed;
      clearTimeout(timer);
      await options.closeDependencies();
      options.logger.info('shutdown complete');
    })();
    return stopping;
  };

  const onSignal = (signal: NodeJS.Signals) => {
    options.logger.info({ signal }, 'signal received');
    void shutdown().then(() => (options.exit ?? process.exit)(0));
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return shutdown;
}
