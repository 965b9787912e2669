import type { Clock } from './clock';
import type { DeviceIdentity } from './credentials';
import type { Logger } from './logger';
import { SimulatedDevice, type SimulatedDeviceOptions } from './simulatedDevice';

export interface FleetOptions {
  identities: DeviceIdentity[];
  /** Shared by every device; identity and the connect hook are filled in per device. */
  device: Omit<SimulatedDeviceOptions, 'identity' | 'onConnect'>;
  /** Pause between two devices' first connects, ms, so a big fleet does not open every socket at once. */
  staggerMs: number;
  clock: Clock;
  logger: Logger;
}

export interface FleetSummary {
  devices: number;
  /** Devices that connected at least once. */
  connected: number;
  /** Devices connected when `stop()` began (or now, before it). */
  online: number;
  sent: number;
  /** Of the messages sent, noise readings and detections. */
  telemetry: number;
  events: number;
  commands: number;
  acks: number;
  reconnects: number;
  errors: number;
}

/** Starts, watches and stops a set of simulated devices. */
export class Fleet {
  readonly devices: SimulatedDevice[];
  private readonly options: FleetOptions;
  private readonly startedAt: number;
  private everConnected = 0;
  private allConnectedWaiters: Array<() => void> = [];
  private stopping = false;
  private wakeStagger: (() => void) | undefined;
  private onlineAtStop: number | undefined;
  private stopPromise: Promise<void> | undefined;

  constructor(options: FleetOptions) {
    this.options = options;
    this.startedAt = options.clock.now();
    this.devices = options.identities.map(
      (identity) =>
        new SimulatedDevice({ ...options.device, identity, onConnect: (d) => this.onDeviceConnect(d) }),
    );
  }

  /** Starts the devices one by one, `staggerMs` apart; resolves when the last one was started (or on stop). */
  async start(): Promise<void> {
    for (const [index, device] of this.devices.entries()) {
      if (index > 0 && this.options.staggerMs > 0) await this.pause(this.options.staggerMs);
      if (this.stopping) return;
      device.start();
    }
  }

  /** Resolves once every device has connected at least once. */
  whenAllConnected(): Promise<void> {
    if (this.everConnected >= this.devices.length) return Promise.resolve();
    return new Promise((resolve) => this.allConnectedWaiters.push(resolve));
  }

  /** Stops starting devices, publishes `offline` for each connected one and closes every connection. */
  stop(): Promise<void> {
    if (!this.stopPromise) {
      this.stopping = true;
      this.onlineAtStop = this.devices.filter((device) => device.connected).length;
      this.wakeStagger?.();
      this.stopPromise = Promise.all(this.devices.map((device) => device.stop())).then(() => undefined);
    }
    return this.stopPromise;
  }

  summary(): FleetSummary {
    const summary: FleetSummary = {
      devices: this.devices.length,
      connected: this.everConnected,
      online: this.onlineAtStop ?? this.devices.filter((device) => device.connected).length,
      sent: 0,
      telemetry: 0,
      events: 0,
      commands: 0,
      acks: 0,
      reconnects: 0,
      errors: 0,
    };
    for (const { stats } of this.devices) {
      summary.sent += stats.sent;
      summary.telemetry += stats.telemetry;
      summary.events += stats.events;
      summary.commands += stats.commands;
      summary.acks += stats.acks;
      summary.reconnects += Math.max(0, stats.connects - 1);
      summary.errors += stats.errors;
    }
    return summary;
  }

  private onDeviceConnect(device: SimulatedDevice): void {
    if (device.stats.connects !== 1) return;
    this.everConnected += 1;
    if (this.everConnected !== this.devices.length) return;
    const seconds = ((this.options.clock.now() - this.startedAt) / 1000).toFixed(1);
    this.options.logger.info(`all ${this.devices.length} devices connected in ${seconds} s`);
    const waiters = this.allConnectedWaiters;
    this.allConnectedWaiters = [];
    waiters.forEach((resolve) => resolve());
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const cancel = this.options.clock.setTimeout(resolve, ms);
      this.wakeStagger = () => {
        cancel();
        resolve();
      };
    });
  }
}

export function formatSummary(summary: FleetSummary, elapsedMs: number): string {
  return [
    `summary: ${summary.devices} devices`,
    `${summary.connected} connected`,
    `${summary.online} online at stop`,
    `${summary.sent} messages sent (${summary.telemetry} telemetry, ${summary.events} events)`,
    `${summary.commands} commands`,
    `${summary.acks} acks`,
    `${summary.reconnects} reconnects`,
    `${summary.errors} errors`,
    `ran ${(elapsedMs / 1000).toFixed(1)} s`,
  ].join(', ');
}
