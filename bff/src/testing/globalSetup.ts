import { startLocalServices, type LocalServices } from '@jiefang/dev-services';

declare global {
  var jiefangServices: LocalServices | undefined;
}

/** Resolves real MongoDB (FerretDB), Redis and MQTT once for the whole run; workers inherit the URLs. */
export default async function globalSetup(): Promise<void> {
  const services = await startLocalServices({ log: (message) => process.stderr.write(`${message}\n`) });
  globalThis.jiefangServices = services;
  process.env.TEST_MONGODB_URI = services.mongodb.url;
  process.env.TEST_REDIS_URL = services.redis.url;
  process.env.TEST_MQTT_URL = services.mqtt.url;
  process.env.TEST_MQTT_USERNAME = services.mqtt.username ?? '';
  process.env.TEST_MQTT_PASSWORD = services.mqtt.password ?? '';
}
