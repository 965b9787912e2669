import { startLocalServices } from '@jiefang/dev-services';
import { loadConfig } from '../src/config';
import { connectMongo } from '../src/infra/mongo';
import { connectMqtt } from '../src/infra/mqtt';
import { connectRedis } from '../src/infra/redis';

/**
 * A bench's own database on the local services, reached with the BFF's own connectors so the bench runs
 * with production's client settings. `env` adds settings (e.g. a rate limit out of the way); `database`
 * names one to reuse instead of a new one.
 */
export async function benchConnections(
  name: string,
  env: Record<string, string> = {},
  database = `${name}_${Date.now()}`,
) {
  const services = await startLocalServices();
  const config = loadConfig({
    NODE_ENV: 'test',
    MONGODB_URI: services.mongodb.url,
    MONGODB_DB: database,
    REDIS_URL: services.redis.url,
    MQTT_URL: services.mqtt.url,
    MQTT_USERNAME: services.mqtt.username,
    MQTT_PASSWORD: services.mqtt.password,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-00',
    DEV_LOGIN: '1',
    REDIS_PREFIX: `bench:${database}`,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const mongo = await connectMongo(config.MONGODB_URI, config.MONGODB_DB);
  const redis = await connectRedis(config.REDIS_URL, `bench:${database}:`);
  const mqtt = await connectMqtt({
    url: config.MQTT_URL,
    clientId: `bench-${database}`,
    username: config.MQTT_USERNAME,
    password: config.MQTT_PASSWORD,
  });
  return { services, database, config, mongo, redis, mqtt };
}
