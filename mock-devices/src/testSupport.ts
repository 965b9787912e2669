/** Helpers for tests that talk to the real broker (Mosquitto on 127.0.0.1:1883, anonymous allowed). */
import { randomBytes } from 'node:crypto';
import { connectAsync, type MqttClient } from 'mqtt';

export const BROKER_URL = process.env.MQTT_URL || 'mqtt://127.0.0.1:1883';

const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;

/** A device id nobody else uses, so parallel runs and other workspaces' tests do not collide. */
export function uniqueDeviceId(label: string): string {
  return `t-${runId}-${label}`.slice(0, 64);
}

export interface SeenMessage {
  topic: string;
  text: string;
  json: unknown;
  retain: boolean;
}

/** A plain subscriber that records everything it receives on the given filters. */
export class Watcher {
  readonly messages: SeenMessage[] = [];
  private listeners: Array<() => void> = [];

  private constructor(readonly client: MqttClient) {
    client.on('message', (topic, payload, packet) => {
      const text = payload.toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      this.messages.push({ topic, text, json, retain: packet.retain });
      this.listeners.forEach((listener) => listener());
    });
  }

  static async open(filters: string[] = []): Promise<Watcher> {
    const client = await connectAsync(BROKER_URL, { clean: true, reconnectPeriod: 0, protocolVersion: 5 });
    const watcher = new Watcher(client);
    if (filters.length > 0) await client.subscribeAsync(filters, { qos: 1 });
    return watcher;
  }

  /** Subscribes to everything under `devices/{id}/`. */
  async watchDevice(id: string): Promise<void> {
    await this.client.subscribeAsync(`devices/${id}/#`, { qos: 1 });
  }

  /** Messages on `topic` seen so far, parsed as JSON objects. */
  on<T = Record<string, unknown>>(topic: string): T[] {
    return this.messages.filter((m) => m.topic === topic).map((m) => m.json as T);
  }

  /** Resolves with the first message (already seen or yet to come) that matches. */
  waitFor(
    predicate: (message: SeenMessage) => boolean,
    description: string,
    timeoutMs = 5_000,
  ): Promise<SeenMessage> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.messages.find(predicate);
        if (!found) return false;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((listener) => listener !== onMessage);
        resolve(found);
        return true;
      };
      const onMessage = (): void => void check();
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((listener) => listener !== onMessage);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${description}`));
      }, timeoutMs);
      if (!check()) this.listeners.push(onMessage);
    });
  }

  async close(): Promise<void> {
    await this.client.endAsync(true);
  }
}

/** Removes retained messages the tests left behind. */
export async function clearRetained(topics: string[]): Promise<void> {
  if (topics.length === 0) return;
  const client = await connectAsync(BROKER_URL, { clean: true, reconnectPeriod: 0 });
  await Promise.all(topics.map((topic) => client.publishAsync(topic, '', { qos: 1, retain: true })));
  await client.endAsync();
}
