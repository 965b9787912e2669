/** Programmatic use (e2e and BFF tests): build devices or a fleet against any broker without the CLI. */
export { parseCliArgs, usage, type SimulatorOptions } from './args';
export { backoffDelay, defaultBackoff, type BackoffPolicy } from './backoff';
export { createManualClock, systemClock, type Clock, type ManualClock } from './clock';
export {
  deviceCredentialSchema,
  deviceCredentialsFileSchema,
  generateIdentities,
  loadCredentials,
  selectFromCredentials,
  type DeviceCredential,
  type DeviceIdentity,
} from './credentials';
export { Fleet, formatSummary, type FleetOptions, type FleetSummary } from './fleet';
export { createMemoryLogger, silentLogger, type Logger } from './logger';
export { runSimulator, type RunDeps, type RunResult } from './run';
export {
  SimulatedDevice,
  type ConnectFn,
  type DeviceStats,
  type SimulatedDeviceOptions,
} from './simulatedDevice';
