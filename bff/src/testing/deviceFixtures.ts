import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { deviceTopics, type DeviceCommand } from '@jiefang/contracts';
import type { TestApp } from './testApp';
import { auth } from './reportFixtures';

/** A device id unique to this test run: the broker's accounts are shared by every test file. */
export const uniqueDeviceId = (kind: string) => `${kind}-${randomBytes(5).toString('hex')}`;

/** Night in Asia/Shanghai (23:00 local): the stricter limits apply. */
export const shanghaiNight = Date.UTC(2026, 10, 22, 15, 0, 0);

export interface TestDevice {
  id: string;
  secret: string;
  client: MqttClient;
  commands: DeviceCommand[];
  /** Publishes on one of the device's channels with the next seq; returns the seq. */
  send(
    channel: 'telemetry' | 'event' | 'status' | 'cmd/ack',
    body: Record<string, unknown>,
    seq?: number,
  ): Promise<number>;
  close(): Promise<void>;
}

/**
 * Registers a device through the admin API and connects it to the real broker with its own
 * credentials, acknowledging every command the way a real device does.
 */
export async function connectDevice(
  t: TestApp,
  adminToken: string,
  registration: Record<string, unknown> & { id: string },
  options: { answerCommands?: boolean; will?: boolean } = {},
): Promise<TestDevice> {
  const created = await t.http.post('/api/devices').set(auth(adminToken)).send(registration).expect(201);
  const { id, secret } = created.body as { id: string; secret: string };
  let seq = 1_000;
  const client = await mqtt.connectAsync(t.config.MQTT_URL, {
    clientId: id,
    username: id,
    password: secret,
    reconnectPeriod: 0,
    ...(options.will
      ? {
          will: {
            topic: deviceTopics.status(id),
            payload: Buffer.from(JSON.stringify({ ts: t.clock.now().getTime(), seq: 1, status: 'offline' })),
            qos: 1,
            retain: false,
          },
        }
      : {}),
  });
  const device: TestDevice = {
    id,
    secret,
    client,
    commands: [],
    async send(channel, body, explicitSeq) {
      const useSeq = explicitSeq ?? (seq += 1);
      const topic = `devices/${id}/${channel}`;
      await client.publishAsync(topic, JSON.stringify({ seq: useSeq, ...body }), { qos: 1 });
      return useSeq;
    },
    async close() {
      await client.endAsync(true);
    },
  };
  await client.subscribeAsync(deviceTopics.command(id), { qos: 1 });
  client.on('message', (_topic, payload) => {
    const command = JSON.parse(payload.toString()) as DeviceCommand;
    device.commands.push(command);
    if (options.answerCommands !== false) {
      void device.send('cmd/ack', { ts: t.clock.now().getTime(), messageId: command.messageId, ok: true });
    }
  });
  return device;
}
