import http from 'node:http';
import { ConfigError, loadConfig } from './config';
import { createApp } from './app';
import { systemClock } from './infra/clock';
import { createLogger } from './infra/logger';
import { connectMongoWhenReachable, pingFreshConnection, pingMongo } from './infra/mongo';
import { mongoWatchdog } from './infra/mongoWatchdog';
import { connectRedis } from './infra/redis';
import { warnUnlessAppendOnly } from './infra/redisDurability';
import { connectMqtt } from './infra/mqtt';
import { gracefulShutdown } from './http/gracefulShutdown';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const [mongo, redis, mqtt] = await Promise.all([
    connectMongoWhenReachable(config.MONGODB_URI, config.MONGODB_DB, (error) =>
      logger.warn({ err: error }, 'MongoDB not reachable yet; trying again'),
    ),
    connectRedis(config.REDIS_URL, `${config.REDIS_PREFIX}:`),
    connectMqtt({
      url: config.MQTT_URL,
      clientId: `jiefang-bff-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
      username: config.MQTT_USERNAME,
      password: config.MQTT_PASSWORD,
    }),
  ]);
  const app = createApp({ config, mongo, redis, mqtt, clock: systemClock, logger });
  void warnUnlessAppendOnly(redis, logger);
  const server = http.createServer(app.koa.callback());
  // Listen first: the start-up work may take a while, and /readyz says `starting` meanwhile.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  logger.info({ port: config.PORT, host: config.HOST }, 'BFF listening');
  logger.info(
    { mapTiles: config.MAP_TILES.source, coordinateSystem: config.MAP_TILES.tiles?.coordinateSystem },
    config.MAP_TILES.tiles
      ? `map tiles: ${config.MAP_TILES.source} (${config.MAP_TILES.tiles.coordinateSystem})`
      : 'map tiles: none, maps draw the district outlines',
  );
  app.startBackgroundWork().catch((error: unknown) => {
    logger.error({ err: error }, 'background work failed to start');
    process.exit(1);
  });
  const watchdog = mongoWatchdog({
    ping: () => pingMongo(mongo),
    probeFreshConnection: () => pingFreshConnection(config.MONGODB_URI),
    // A supervisor (systemd Restart=always, Kubernetes, the chaos run) starts the next process.
    onWedged: () => process.exit(70), // EX_SOFTWARE
    clock: systemClock,
    logger,
  });
  watchdog.start();
  gracefulShutdown(server, {
    graceMs: config.SHUTDOWN_GRACE_MS,
    logger,
    onShutdownStart: () => {
      watchdog.stop();
      return app.endLiveStreams();
    },
    closeDependencies: async () => {
      await app.close();
      await Promise.allSettled([mongo.close(), redis.quit(), mqtt.endAsync()]);
    },
  });
}

main().catch((error: unknown) => {
  console.error('BFF failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
