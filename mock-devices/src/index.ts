/** Programmatic use (e2e and BFF tests): build devices or a fleet against any broker without the CLI. */
export { parseCliArgs, usage, type SimulatorOptions } from './args';
export { backoffDelay, defaultBackoff, type BackoffPolicy } from './backoff';
export type {
  BehaviourFactory,
  DeviceBehaviour,
  DeviceEventBody,
  DeviceUplink,
  NoiseTelemetryBody,
} from './behaviour';
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
export { DetectorSignal, nextEventAfter, type Detection, type DetectorSignalOptions } from './detectorSignal';
export { chargingProfile, smokeProfile, type DetectorProfile } from './detectorProfiles';
export { createMemoryLogger, silentLogger, type Logger } from './logger';
export { episodeProfiles, type EpisodeKind } from './noiseEpisodes';
export {
  NoiseSignal,
  type Episode,
  type NoiseReading,
  type NoiseSignalOptions,
  type WarningResponse,
} from './noiseSignal';
export { seededRandom, type Random } from './random';
export { runSimulator, type RunDeps, type RunResult } from './run';
export {
  createBehaviourFactory,
  defaultSignalSettings,
  scenarios,
  type BehaviourDeps,
  type Scenario,
  type SignalSettings,
} from './scenario';
export {
  SimulatedDevice,
  type ConnectFn,
  type DeviceStats,
  type SimulatedDeviceOptions,
} from './simulatedDevice';
