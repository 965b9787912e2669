import {
  nextSharingState,
  sharingOff,
  watchedMode,
  type SharingEvent,
  type SharingMode,
  type SharingState,
} from './locationPermission';
import { createLocationThrottle, type LocationFix, type ThrottlePolicy } from './locationThrottle';
import type { LocationWatch } from './locationWatch';

export interface SharingSnapshot {
  state: SharingState;
  lastFix: LocationFix | undefined;
  /** When a position last reached the BFF. */
  lastSentAt: number | undefined;
  /** Why the last send failed, until one succeeds. */
  sendError: string | undefined;
}

export interface LocationSharingDeps {
  watch: LocationWatch;
  /** POST /api/officer/location. */
  send(fix: LocationFix): Promise<unknown>;
  /** The message to show for a failed send, or undefined to show none (a rejected token). */
  describe(error: unknown): string | undefined;
  now(): number;
  policy?: ThrottlePolicy;
}

/**
 * The officer's position sharing for the whole app, not one page: it runs from going on duty to going off
 * duty, whichever page is open (pages come and go; the background permission is about the app). Drives
 * the permission state machine, the platform's watch, and the throttled sends.
 */
export function createLocationSharing(deps: LocationSharingDeps) {
  const preferred: SharingMode = deps.watch.supportsBackground ? 'background' : 'foreground';
  const throttle = createLocationThrottle(deps.policy);
  const listeners = new Set<() => void>();
  let snapshot: SharingSnapshot = {
    state: sharingOff,
    lastFix: undefined,
    lastSentAt: undefined,
    sendError: undefined,
  };
  let watching: SharingMode | undefined;
  let generation = 0;
  let sending = false;

  const publish = (next: Partial<SharingSnapshot>) => {
    snapshot = { ...snapshot, ...next };
    for (const listener of listeners) listener();
  };

  const send = async (fix: LocationFix) => {
    if (sending || !throttle.shouldSend(fix)) return;
    sending = true;
    try {
      await deps.send(fix);
      throttle.sent(fix);
      publish({ lastSentAt: deps.now(), sendError: undefined });
    } catch (error) {
      const message = deps.describe(error);
      if (message !== undefined) publish({ sendError: message });
    } finally {
      sending = false;
    }
  };

  /** Starts or stops the platform's watch to match the state. */
  const follow = () => {
    const mode = watchedMode(snapshot.state);
    if (mode === watching) return;
    generation += 1;
    const mine = generation;
    if (watching) deps.watch.stop();
    watching = mode;
    if (!mode) return;
    const current = () => mine === generation;
    void deps.watch
      .start(
        mode,
        (fix) => {
          if (!current()) return;
          publish({ lastFix: fix });
          void send(fix);
        },
        (problem) => {
          if (current())
            dispatch(problem === 'refused' ? { type: 'refused', mode } : { type: 'unavailable' });
        },
      )
      .then((outcome) => {
        if (!current()) return;
        if (outcome === 'started') dispatch({ type: 'started', mode });
        else dispatch(outcome === 'refused' ? { type: 'refused', mode } : { type: 'unavailable' });
      });
  };

  const dispatch = (event: SharingEvent) => {
    const state = nextSharingState(snapshot.state, event);
    if (state === snapshot.state) return;
    if (state.phase === 'off') {
      throttle.reset();
      publish({ state, lastFix: undefined, lastSentAt: undefined, sendError: undefined });
    } else publish({ state });
    follow();
  };

  return {
    supportsBackground: deps.watch.supportsBackground,
    canOpenSettings: deps.watch.canOpenSettings,
    snapshot: (): SharingSnapshot => snapshot,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** The duty state as the BFF last said; sharing starts or stops with it. */
    setOnDuty(onDuty: boolean): void {
      const sharingNow = snapshot.state.phase !== 'off';
      if (onDuty && !sharingNow) dispatch({ type: 'dutyOn', preferred });
      if (!onDuty && sharingNow) dispatch({ type: 'dutyOff' });
    },
    useForeground: () => dispatch({ type: 'useForeground' }),
    retry: () => dispatch({ type: 'retry', preferred }),
    async openSettings(): Promise<void> {
      await deps.watch.openSettings();
      dispatch({ type: 'retry', preferred });
    },
  };
}

export type LocationSharingService = ReturnType<typeof createLocationSharing>;
