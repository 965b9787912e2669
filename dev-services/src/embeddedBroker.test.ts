import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { deviceBrokerAcls } from '@jiefang/contracts';
import { startEmbeddedBroker, topicMatchesPattern } from './embeddedBroker';
import { freePort } from './portProbe';

describe('topicMatchesPattern', () => {
  it.each([
    ['devices/a/telemetry', 'devices/+/telemetry', true],
    ['devices/a/cmd/ack', 'devices/#', true],
    ['devices/a/telemetry', 'devices/b/#', false],
    ['devices/+/telemetry', 'devices/a/telemetry', false],
    ['devices/#', 'devices/+/telemetry', false],
    ['devices/a', 'devices/a/telemetry', false],
  ])('%s under %s → %s', (topic, pattern, expected) => {
    expect(topicMatchesPattern(topic, pattern)).toBe(expected);
  });
});

describe('embedded broker', () => {
  const account = { username: 'bff', password: 'bff-secret' };
  let port: number;
  let broker: { close(): Promise<void> };
  const clients: MqttClient[] = [];
  const connect = async (options: mqtt.IClientOptions) => {
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { reconnectPeriod: 0, ...options });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    port = await freePort();
    const stateFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aedes-')), 'accounts.json');
    broker = await startEmbeddedBroker({ host: '127.0.0.1', port, stateFile, account });
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.endAsync(true)));
    await broker.close();
  });

  it('manages device accounts through the dynamic-security API and enforces each device’s topics', async () => {
    await expect(connect({ clientId: 'anon' })).rejects.toThrow();
    const bff = await connect({ clientId: 'bff-1', ...account });
    await bff.subscribeAsync('$CONTROL/dynamic-security/v1/response');
    const answered = new Promise<string>((resolve) =>
      bff.once('message', (_topic, payload) => resolve(payload.toString())),
    );
    await bff.publishAsync(
      '$CONTROL/dynamic-security/v1',
      JSON.stringify({
        commands: [
          {
            command: 'createRole',
            rolename: 'device:m1',
            acls: deviceBrokerAcls('m1'),
            correlationData: 'c1',
          },
          {
            command: 'createClient',
            username: 'm1',
            clientid: 'm1',
            password: 's1',
            roles: [{ rolename: 'device:m1' }],
            correlationData: 'c1',
          },
          { command: 'deleteClient', username: 'nobody', correlationData: 'c1' },
        ],
      }),
    );
    expect(JSON.parse(await answered)).toEqual({
      responses: [
        { command: 'createRole' },
        { command: 'createClient' },
        { command: 'deleteClient', error: 'Client not found' },
      ],
    });

    await expect(connect({ clientId: 'm1', username: 'm1', password: 'wrong' })).rejects.toThrow();
    await expect(connect({ clientId: 'someone-else', username: 'm1', password: 's1' })).rejects.toThrow();
    const device = await connect({ clientId: 'm1', username: 'm1', password: 's1' });

    const received: string[] = [];
    await bff.subscribeAsync('$share/group/devices/+/telemetry', { qos: 1 });
    bff.on('message', (topic) => received.push(topic));
    await device.publishAsync('devices/m1/telemetry', '{}', { qos: 1 });
    // Another device's topics are refused (aedes answers by dropping the connection).
    const snooping = await device.subscribeAsync('devices/m2/cmd').then(
      (granted) => granted[0]?.qos,
      () => 'closed',
    );
    expect([128, 'closed']).toContain(snooping);
    const intruder = await connect({ clientId: 'm1', username: 'm1', password: 's1' });
    intruder.publish('devices/m2/telemetry', '{}', { qos: 1 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toEqual(['devices/m1/telemetry']);
  });
});
