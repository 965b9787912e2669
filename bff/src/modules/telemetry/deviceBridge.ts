import mqtt, { type MqttClient } from 'mqtt';
import type { Clock } from '../../infra/clock';
import type { Logger } from '../../infra/logger';
import { parseUplink, type UplinkRejection } from './uplinkParser';
import { laneOf, type UplinkLane, type UplinkLog } from './uplinkLog';

export interface BridgeCounters {
  received: number;
  stored: number;
  duplicates: number;
  rejected: Record<UplinkRejection, number>;
  failures: number;
}

export interface DeviceBridgeOptions {
  url: string;
  username?: string;
  password?: string;
  /** Stable per instance: the broker keeps each connection's session (and queued messages) under it. */
  instanceId: string;
  /** Shared-subscription group: instances in one group split the traffic. */
  group: string;
  /** Connections for readings; detections, status and acks get one more of their own. */
  connections: number;
  /** Shared subscriptions split the traffic; exclusive ones read it all on one connection per lane. */
  subscription: 'shared' | 'exclusive';
  /** How long the broker keeps a session (and queues for it) after a disconnect, seconds. */
  sessionExpirySeconds: number;
  log: UplinkLog;
  clock: Clock;
  logger: Logger;
  /** Called after each stored uplink, so the processor can look at once instead of at its next poll. */
  onStored?: (lane: UplinkLane) => void;
}

/**
 * Uplink topics the bridge reads (a device's own `cmd` is not among them), in two lanes: readings on
 * most connections, and detections, status and acks on one of their own, so that an alarm never
 * queues at the broker behind a backlog of readings.
 */
const laneFilters = {
  telemetry: ['devices/+/telemetry'],
  signals: ['devices/+/event', 'devices/+/status', 'devices/+/cmd/ack'],
} as const;

/**
 * Reads every device's uplink with QoS 1 over persistent sessions (plain subscriptions by default,
 * shared ones with BRIDGE_SUBSCRIPTION=shared). A message is acknowledged to the broker only after it
 * is validated and stored in the uplink log, so a crash at any point means the broker sends it again,
 * and the log's `(deviceId, ts, seq)` check drops the copy.
 */
export function deviceBridge(options: DeviceBridgeOptions) {
  const counters: BridgeCounters = {
    received: 0,
    stored: 0,
    duplicates: 0,
    rejected: { foreign_topic: 0, oversized: 0, malformed: 0, out_of_time: 0 },
    failures: 0,
  };
  const clients: MqttClient[] = [];
  let lastRejectionLog = 0;
  let stopping = false;

  const handle = async (topic: string, payload: Buffer): Promise<void> => {
    counters.received += 1;
    const parsed = parseUplink(topic, payload, options.clock.now().getTime());
    if (!parsed.ok) {
      counters.rejected[parsed.reason] += 1;
      // One line a second at most: a misbehaving device must not flood the log.
      const now = Date.now();
      if (now - lastRejectionLog > 1000) {
        lastRejectionLog = now;
        options.logger.warn(
          { topic, reason: parsed.reason, detail: parsed.detail, rejected: counters.rejected },
          'device message rejected',
        );
      }
      return;
    }
    const stored = await options.log.append(parsed.uplink);
    if (stored) {
      counters.stored += 1;
      options.onStored?.(laneOf(parsed.uplink));
    } else counters.duplicates += 1;
  };

  const connect = (index: number, lane: keyof typeof laneFilters) =>
    new Promise<MqttClient>((resolve, reject) => {
      const client = mqtt.connect(options.url, {
        clientId: `jiefang-${options.group}-${options.instanceId}-${index}`.slice(0, 64),
        username: options.username,
        password: options.password,
        protocolVersion: 5,
        clean: false,
        properties: { sessionExpiryInterval: options.sessionExpirySeconds, receiveMaximum: 100 },
        reconnectPeriod: 1000,
        connectTimeout: 5000,
        resubscribe: true,
      });
      // Held from the start, so a stop while the broker is still away ends its reconnecting too.
      clients.push(client);
      // The acknowledgement goes out when `done` is called: only after the log has the message.
      client.handleMessage = (packet, done) => {
        handle(packet.topic, Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload))
          .then(() => done())
          .catch((error: unknown) => {
            counters.failures += 1;
            options.logger.error(
              { err: error },
              'could not store a device message; the broker will resend it',
            );
            // Without an acknowledgement the broker redelivers once the connection is re-established
            // (to this instance, or to the next one that resumes the session after a stop).
            if (!stopping) client.end(true, () => client.reconnect());
          });
      };
      client.on('error', (error) => options.logger.warn({ err: error }, 'device bridge connection error'));
      // A broker that is away at start-up is waited for (the client reconnects every second): the BFF
      // serves meanwhile, and /readyz says starting until the bridge is up.
      const timer = setTimeout(
        () => options.logger.warn({ url: options.url }, 'device bridge still waiting for the MQTT broker'),
        8000,
      );
      const subscriptions = laneFilters[lane].map((filter) =>
        options.subscription === 'shared' ? `$share/${options.group}/${filter}` : filter,
      );
      let subscribed = false;
      // A resumed session keeps its subscriptions; subscribing again is harmless and covers a new one.
      // Until one subscribe is granted, every (re)connection tries: the connection may close before the
      // grant comes (a message the bridge could not store closes it on purpose, for redelivery).
      client.on('connect', (connack) => {
        clearTimeout(timer);
        options.logger.debug({ sessionPresent: connack.sessionPresent, index }, 'device bridge connected');
        if (subscribed) return;
        client
          .subscribeAsync(subscriptions, { qos: 1 })
          .then((granted) => {
            const refused = granted.filter((grant) => grant.qos > 2);
            if (refused.length)
              reject(new Error(`the broker refused the bridge's subscriptions: ${JSON.stringify(refused)}`));
            else {
              subscribed = true;
              resolve(client);
            }
          })
          .catch((error: unknown) => {
            options.logger.warn(
              { err: error, index },
              'device bridge subscription interrupted; retried on reconnect',
            );
          });
      });
    });

  return {
    counters,
    async start(): Promise<void> {
      stopping = false;
      await connect(0, 'signals');
      // Plain subscriptions on several connections would each get every reading.
      const readers = options.subscription === 'shared' ? options.connections : 1;
      for (let index = 1; index <= readers; index += 1) await connect(index, 'telemetry');
    },
    /** Disconnects but keeps the sessions, so the broker queues what arrives meanwhile. */
    async stop(): Promise<void> {
      stopping = true;
      await Promise.all(clients.splice(0).map((client) => client.endAsync()));
    },
  };
}

export type DeviceBridge = ReturnType<typeof deviceBridge>;
