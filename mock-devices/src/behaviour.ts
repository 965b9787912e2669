/**
 * The seam between a device's MQTT plumbing and what the device "does": a behaviour gets an uplink to send
 * through and is told when to start, when to stop and which commands arrived. The signal models behind it stay
 * free of MQTT.
 */
import type { DeviceCommand, DeviceEvent, DeviceType, NoiseTelemetry } from '@jiefang/contracts';

/** Payload fields a behaviour chooses; the device adds `ts` and `seq`. */
export type NoiseTelemetryBody = Omit<NoiseTelemetry, 'ts' | 'seq'>;
export type DeviceEventBody = Omit<DeviceEvent, 'ts' | 'seq'>;

/** What a behaviour may use of its device. */
export interface DeviceUplink {
  readonly id: string;
  readonly type: DeviceType;
  readonly connected: boolean;
  /** Publishes on `devices/{id}/telemetry`; resolves false when it could not be validated or sent. */
  sendTelemetry(body: NoiseTelemetryBody): Promise<boolean>;
  /** Publishes on `devices/{id}/event`; while offline it is queued by the MQTT client and sent on reconnect. */
  sendEvent(body: DeviceEventBody): Promise<boolean>;
}

export interface DeviceBehaviour {
  /** Called once, at the device's first successful connect. */
  start(): void;
  /** Called when the device stops; cancels every timer the behaviour holds. */
  stop(): void;
  /** A valid command, after the device acknowledged it. */
  onCommand(command: DeviceCommand): void;
}

/** Builds the behaviour of one device (undefined: the device only keeps its status). */
export type BehaviourFactory = (device: DeviceUplink) => DeviceBehaviour | undefined;
