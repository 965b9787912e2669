import {
  deviceCommandSchema,
  deviceEventSchema,
  deviceTopics,
  noiseTelemetrySchema,
  type DeviceCommand,
  type DeviceCommandAck,
  type DeviceStatus,
  type DeviceType,
} from '@jiefang/contracts';
import type { IClientOptions, IConnackPacket, MqttClient } from 'mqtt';
import { z } from 'zod';
import { backoffDelay, defaultBackoff, type BackoffPolicy } from './backoff';
import type {
  BehaviourFactory,
  DeviceBehaviour,
  DeviceEventBody,
  DeviceUplink,
  NoiseTelemetryBody,
} from './behaviour';
import type { Clock } from './clock';
import type { DeviceIdentity } from './credentials';
import type { Logger } from './logger';

/** `mqtt.connect`, or a wrapper around it (tests use one to reach the raw client). */
export type ConnectFn = (url: string, options: IClientOptions) => MqttClient;

export interface SimulatedDeviceOptions {
  identity: DeviceIdentity;
  url: string;
  connect: ConnectFn;
  clock: Clock;
  logger: Logger;
  /** Interval between `status` heartbeats, ms. */
  heartbeatMs: number;
  /** MQTT keepalive, seconds. */
  keepaliveSec?: number;
  /** How long the broker keeps the session (subscription and queued commands) after a disconnect, seconds. */
  sessionExpirySec?: number;
  firmware?: string;
  backoff?: BackoffPolicy;
  random?: () => number;
  /**
   * First `seq` minus one. Defaults to 0: like a real device after a reboot, a restarted simulator counts
   * from 1 again (the bridge tells messages apart by `ts` and `seq` together).
   */
  seqStart?: number;
  /** Called on every successful (re)connect. */
  onConnect?: (device: SimulatedDevice) => void;
  /** Called for every valid command, after it was acknowledged. */
  onCommand?: (device: SimulatedDevice, command: DeviceCommand) => void;
  /** What the device measures and reports (telemetry, detections); without it, only status and acks. */
  behaviour?: BehaviourFactory;
}

export interface DeviceStats {
  /** Successful connects, the first included. */
  connects: number;
  /** Messages the broker acknowledged (QoS 1 PUBACK). */
  sent: number;
  /** Of those, telemetry readings and events. */
  telemetry: number;
  events: number;
  commands: number;
  acks: number;
  errors: number;
}

type StatusPayload = DeviceStatus;

const DEFAULT_KEEPALIVE_SEC = 60;
const DEFAULT_SESSION_EXPIRY_SEC = 3_600;

/**
 * One simulated device on its own MQTT connection: persistent session, Last Will `offline` on its status topic,
 * `online` on connect, a heartbeat, an ack for every command on its `cmd` topic, and whatever its behaviour
 * measures on `telemetry` and `event`.
 */
export class SimulatedDevice implements DeviceUplink {
  readonly id: string;
  readonly type: DeviceType;
  readonly stats: DeviceStats = {
    connects: 0,
    sent: 0,
    telemetry: 0,
    events: 0,
    commands: 0,
    acks: 0,
    errors: 0,
  };

  private readonly options: SimulatedDeviceOptions;
  private readonly topics: {
    status: string;
    command: string;
    commandAck: string;
    telemetry: string;
    event: string;
  };
  private readonly behaviour: DeviceBehaviour | undefined;
  private seq: number;
  private client: MqttClient | undefined;
  private cancelHeartbeat: (() => void) | undefined;
  private failedAttempts = 0;
  private lastErrorMessage: string | undefined;
  private stopPromise: Promise<void> | undefined;
  private connectWaiters: Array<() => void> = [];

  constructor(options: SimulatedDeviceOptions) {
    this.options = options;
    this.id = options.identity.id;
    this.type = options.identity.type;
    this.seq = options.seqStart ?? 0;
    this.topics = {
      status: deviceTopics.status(this.id),
      command: deviceTopics.command(this.id),
      commandAck: deviceTopics.commandAck(this.id),
      telemetry: deviceTopics.telemetry(this.id),
      event: deviceTopics.event(this.id),
    };
    this.behaviour = options.behaviour?.(this);
  }

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  /** The seq of the last message built (sent or in flight). */
  get lastSeq(): number {
    return this.seq;
  }

  // The broker ties each account to the client id: a device logs in as itself, nothing else.
  /** Opens the connection; returns at once, the device keeps (re)connecting until `stop()`. */
  start(): void {
    if (this.client || this.stopPromise) return;
    const { identity, keepaliveSec, sessionExpirySec } = this.options;
    const client = this.options.connect(this.options.url, {
      clientId: identity.id,
      username: identity.id,
      ...(identity.secret === undefined ? {} : { password: identity.secret }),
      protocolVersion: 5,
      clean: false,
      properties: { sessionExpiryInterval: sessionExpirySec ?? DEFAULT_SESSION_EXPIRY_SEC },
      keepalive: keepaliveSec ?? DEFAULT_KEEPALIVE_SEC,
      connectTimeout: 10_000,
      reconnectPeriod: this.retryDelay(),
      // A refused login (bad password, server busy) is retried with backoff too, as a real device would.
      reconnectOnConnackError: true,
      // Subscriptions live in the persistent session; `onConnect` renews them only when the broker lost it.
      resubscribe: false,
      will: this.will(),
    });
    this.client = client;
    client.on('connect', (connack) => this.onConnect(client, connack));
    client.on('reconnect', () => {
      // Runs just before mqtt.js opens the next socket: a fresh Last Will and the delay for the attempt after it.
      this.failedAttempts += 1;
      client.options.will = this.will();
      client.options.reconnectPeriod = this.retryDelay();
    });
    client.on('close', () => this.onClose());
    client.on('error', (error) => this.recordError(`connection error: ${error.message}`));
    client.on('message', (topic, payload) => this.onMessage(topic, payload));
  }

  /** Resolves on the next successful connect, or at once when connected. */
  whenConnected(): Promise<void> {
    if (this.connected) return Promise.resolve();
    return new Promise((resolve) => this.connectWaiters.push(resolve));
  }

  /** Publishes `online` as a heartbeat now (it is also done every `heartbeatMs`). */
  heartbeat(): Promise<boolean> {
    if (!this.connected) return Promise.resolve(false);
    return this.publish(this.topics.status, this.statusPayload('online'), true);
  }

  /** Publishes a noise reading on `telemetry` with a fresh `ts` and `seq`, checked against the contract. */
  async sendTelemetry(body: NoiseTelemetryBody): Promise<boolean> {
    const parsed = noiseTelemetrySchema.safeParse({ ...this.envelope(), ...body });
    if (!parsed.success) return this.refuse('telemetry', parsed.error);
    const sent = await this.publish(this.topics.telemetry, parsed.data, false);
    if (sent) this.stats.telemetry += 1;
    return sent;
  }

  /** Publishes a detection on `event` with a fresh `ts` and `seq`, checked against the contract. */
  async sendEvent(body: DeviceEventBody): Promise<boolean> {
    const parsed = deviceEventSchema.safeParse({ ...this.envelope(), ...body });
    if (!parsed.success) return this.refuse('event', parsed.error);
    const sent = await this.publish(this.topics.event, parsed.data, false);
    if (sent) this.stats.events += 1;
    return sent;
  }

  /**
   * Publishes `offline` and disconnects cleanly (so the broker discards the Last Will). Gives up waiting after
   * `timeoutMs` and closes the socket.
   */
  stop(timeoutMs = 3_000): Promise<void> {
    // Before anything is awaited, so no reading or detection slips out after `offline`.
    this.behaviour?.stop();
    this.stopPromise ??= this.shutdown(timeoutMs);
    return this.stopPromise;
  }

  private async shutdown(timeoutMs: number): Promise<void> {
    this.stopHeartbeat();
    const client = this.client;
    if (!client) return;
    if (client.connected) {
      await withTimeout(this.publish(this.topics.status, this.statusPayload('offline'), true), timeoutMs);
    }
    const ended = await withTimeout(
      new Promise<boolean>((resolve) => client.end(!client.connected, {}, () => resolve(true))),
      timeoutMs,
    );
    if (!ended) await new Promise<void>((resolve) => client.end(true, {}, () => resolve()));
  }

  private onConnect(client: MqttClient, connack: IConnackPacket): void {
    if (this.stopPromise) return;
    const attempts = this.failedAttempts;
    this.failedAttempts = 0;
    this.lastErrorMessage = undefined;
    client.options.reconnectPeriod = this.retryDelay();
    this.stats.connects += 1;
    if (this.stats.connects > 1) {
      this.options.logger.info(`${this.id} reconnected after ${attempts} attempt(s)`);
    }
    if (!connack.sessionPresent) {
      client.subscribe(this.topics.command, { qos: 1 }, (error) => {
        if (error) this.recordError(`subscribe to ${this.topics.command} failed: ${error.message}`);
      });
    }
    void this.publish(this.topics.status, this.statusPayload('online', true), true);
    this.stopHeartbeat();
    this.cancelHeartbeat = this.options.clock.setInterval(
      () => void this.heartbeat(),
      this.options.heartbeatMs,
    );
    const waiters = this.connectWaiters;
    this.connectWaiters = [];
    waiters.forEach((resolve) => resolve());
    // Measuring starts once, at the first connect; it goes on across reconnects like a real device's sensor.
    if (this.stats.connects === 1) this.behaviour?.start();
    this.options.onConnect?.(this);
  }

  private onClose(): void {
    const wasUp = this.cancelHeartbeat !== undefined;
    this.stopHeartbeat();
    if (wasUp && !this.stopPromise) this.options.logger.warn(`${this.id} lost its connection; reconnecting`);
  }

  private onMessage(topic: string, payload: Buffer): void {
    if (topic !== this.topics.command) return;
    this.stats.commands += 1;
    let raw: unknown;
    try {
      raw = JSON.parse(payload.toString('utf8'));
    } catch {
      this.recordError(`command is not JSON: ${truncate(payload.toString('utf8'))}`);
      return;
    }
    const parsed = deviceCommandSchema.safeParse(raw);
    if (!parsed.success) {
      const messageId = z.object({ messageId: z.string().min(1).max(64) }).safeParse(raw);
      const problem = `invalid command: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`;
      this.recordError(`${problem}${messageId.success ? '' : ' (no messageId, not acknowledged)'}`);
      if (messageId.success) void this.ack(messageId.data.messageId, false, truncate(problem, 200));
      return;
    }
    const command = parsed.data;
    this.options.logger.info(`${this.id} ← ${command.action} (${command.messageId})`);
    // Acted on before it is acknowledged, as a real speaker would: whoever sees the ack can rely on it.
    this.behaviour?.onCommand(command);
    this.options.onCommand?.(this, command);
    void this.ack(command.messageId, true);
  }

  private async ack(messageId: string, ok: boolean, error?: string): Promise<void> {
    const ack: DeviceCommandAck = { ...this.envelope(), messageId, ok, ...(error ? { error } : {}) };
    if (await this.publish(this.topics.commandAck, ack, false)) this.stats.acks += 1;
  }

  private publish(topic: string, payload: object, retain: boolean): Promise<boolean> {
    const client = this.client;
    if (!client) return Promise.resolve(false);
    return new Promise((resolve) => {
      client.publish(topic, JSON.stringify(payload), { qos: 1, retain }, (error) => {
        if (error) {
          this.recordError(`publish to ${topic} failed: ${error.message}`);
          resolve(false);
        } else {
          this.stats.sent += 1;
          resolve(true);
        }
      });
    });
  }

  private envelope(): { ts: number; seq: number } {
    this.seq += 1;
    return { ts: this.options.clock.now(), seq: this.seq };
  }

  private statusPayload(status: 'online' | 'offline', describe = false): StatusPayload {
    return {
      ...this.envelope(),
      status,
      ...(describe
        ? { type: this.type, ...(this.options.firmware ? { firmware: this.options.firmware } : {}) }
        : {}),
    };
  }

  /** The Last Will for the next connection. Its ts/seq are fixed when the connection opens (MQTT cannot update them). */
  private will(): NonNullable<IClientOptions['will']> {
    return {
      topic: this.topics.status,
      payload: Buffer.from(JSON.stringify(this.statusPayload('offline'))),
      qos: 1,
      retain: true,
    };
  }

  private retryDelay(): number {
    return backoffDelay(this.options.backoff ?? defaultBackoff, this.failedAttempts, this.options.random);
  }

  private stopHeartbeat(): void {
    this.cancelHeartbeat?.();
    this.cancelHeartbeat = undefined;
  }

  /** A payload the contract rejects is a bug in the simulator: counted and logged, never sent. */
  private refuse(channel: string, error: z.ZodError): boolean {
    const problems = error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ');
    this.recordError(`invalid ${channel} not sent: ${problems}`);
    return false;
  }

  private recordError(message: string): void {
    this.stats.errors += 1;
    // One line per distinct problem: a device retrying against a dead broker would otherwise flood the terminal.
    if (message === this.lastErrorMessage) return;
    this.lastErrorMessage = message;
    this.options.logger.warn(`${this.id} ${message}`);
  }
}

function truncate(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Resolves with the promise's value, or with `undefined` when it takes longer than `ms` (real time). */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(undefined);
      },
    );
  });
}
