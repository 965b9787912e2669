import mqtt, { type MqttClient } from 'mqtt';

export interface MqttConnectOptions {
  url: string;
  clientId: string;
  username?: string;
  password?: string;
}

export async function connectMqtt(options: MqttConnectOptions): Promise<MqttClient> {
  const client = mqtt.connect(options.url, {
    clientId: options.clientId,
    username: options.username,
    password: options.password,
    protocolVersion: 5,
    reconnectPeriod: 2000,
    connectTimeout: 5000,
  });
  // Errors surface through readiness (client.connected); the client reconnects by itself.
  let lastError: Error | null = null;
  client.on('error', (error) => {
    lastError = error;
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      client.end(true);
      // A refused login is not a silent broker: say which it was.
      const reason = lastError ? `refused the connection (${lastError.message})` : 'did not answer';
      reject(new Error(`MQTT broker at ${options.url} ${reason}`));
    }, 8000);
    client.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return client;
}
