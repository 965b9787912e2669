/** A noise meter's plumbing: one telemetry reading per interval from its NoiseSignal, and warnings played. */
import { playWarningAction } from '@jiefang/contracts';
import type { DeviceBehaviour, DeviceUplink } from './behaviour';
import type { Clock } from './clock';
import type { Logger } from './logger';
import { episodeProfiles, type EpisodeKind } from './noiseEpisodes';
import type { Episode, NoiseSignal, WarningResponse } from './noiseSignal';

export interface NoiseMeterBehaviourOptions {
  clock: Clock;
  logger: Logger;
  signal: NoiseSignal;
  intervalMs: number;
  /** Scripted: an episode that begins at the first connect and goes on until a warning is heeded. */
  scriptedEpisode?: { kind: EpisodeKind; level: number };
}

export function noiseMeterBehaviour(
  device: DeviceUplink,
  options: NoiseMeterBehaviourOptions,
): DeviceBehaviour {
  const { clock, logger, signal, intervalMs } = options;
  let cancel: (() => void) | undefined;
  let started = false;

  const tick = (): void => {
    const now = clock.now();
    const reading = signal.reading(now);
    if (reading.ended) {
      const { episode, reason } = reading.ended;
      const after = formatDuration(now - episode.startedAt);
      logger.info(
        `${device.id} ${labelOf(episode)} ${reason === 'warned' ? 'stops after the warning' : 'ends'} (${after})`,
      );
    }
    if (reading.started) logger.info(`${device.id} ${describeStart(reading.started)}`);
    // A reading taken while offline is dropped, not queued: the bridge judges current levels, and a burst of
    // stale seconds after a reconnect would only distort its 1-minute windows.
    if (device.connected) void device.sendTelemetry({ leq: reading.leq, intervalMs });
  };

  return {
    start() {
      if (started) return;
      started = true;
      const script = options.scriptedEpisode;
      if (script) {
        const episode = signal.startEpisode(clock.now(), script.kind, {
          level: script.level,
          durationMs: Infinity,
        });
        logger.info(`${device.id} ${describeStart(episode)}`);
      }
      cancel = clock.setInterval(tick, intervalMs);
    },
    stop() {
      cancel?.();
      cancel = undefined;
    },
    onCommand(command) {
      if (command.action !== playWarningAction) return;
      logger.info(
        `${device.id} plays the warning: ${describeResponse(signal.warn(clock.now()), clock.now())}`,
      );
    },
  };
}

function labelOf(episode: Episode): string {
  return episodeProfiles[episode.kind].label;
}

function describeStart(episode: Episode): string {
  const length =
    episode.endsAt === Infinity
      ? 'until a warning is heeded'
      : `for ~${formatDuration(episode.endsAt - episode.startedAt)}`;
  return `${labelOf(episode)} starts, ~${episode.level.toFixed(0)} dB(A) ${length}`;
}

function describeResponse(response: WarningResponse, now: number): string {
  switch (response.outcome) {
    case 'no_episode':
      return 'nothing loud going on';
    case 'ignored':
      return response.why === 'scripted'
        ? `${labelOf(response.episode)} goes on (the scenario ignores warning ${response.episode.warnings})`
        : `${labelOf(response.episode)} goes on (not heeded)`;
    case 'complying':
      return `${labelOf(response.episode)} will stop in ${formatDuration(response.stopsAt - now)}`;
    case 'already_complying':
      return `${labelOf(response.episode)} is already stopping`;
  }
}

function formatDuration(ms: number): string {
  // Tenths below 10 s, so a sped-up demo does not log "stops in 0 s".
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}
