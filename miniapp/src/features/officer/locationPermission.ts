/**
 * Where sharing the officer's position stands. In the mini-program the officer is first asked for the
 * background permission (scope.userLocationBackground, "使用小程序期间和离开后"); refused, they are told
 * why it matters and may share while the app is open only, or open the settings. H5 has no background
 * mode: it shares while the page is open.
 */
export type SharingMode = 'background' | 'foreground';

export type SharingState =
  | { phase: 'off' }
  | { phase: 'requesting'; mode: SharingMode }
  | { phase: 'sharing'; mode: SharingMode }
  /** The background permission was refused: explain, offer foreground, offer the settings. */
  | { phase: 'backgroundRefused' }
  /** Every location permission was refused: only the settings help. */
  | { phase: 'denied' }
  /** No location on this device or page (no GPS, an insecure H5 origin). */
  | { phase: 'unavailable' };

export type SharingEvent =
  | { type: 'dutyOn'; preferred: SharingMode }
  | { type: 'dutyOff' }
  | { type: 'started'; mode: SharingMode }
  | { type: 'refused'; mode: SharingMode }
  | { type: 'unavailable' }
  /** The officer chose to share only while the app is open. */
  | { type: 'useForeground' }
  /** Back from the settings (or 重试): try the preferred mode again. */
  | { type: 'retry'; preferred: SharingMode };

export const sharingOff: SharingState = { phase: 'off' };

export function nextSharingState(state: SharingState, event: SharingEvent): SharingState {
  if (event.type === 'dutyOff') return sharingOff;
  switch (state.phase) {
    case 'off':
      return event.type === 'dutyOn' ? { phase: 'requesting', mode: event.preferred } : state;
    case 'requesting':
      if (event.type === 'started' && event.mode === state.mode)
        return { phase: 'sharing', mode: event.mode };
      if (event.type === 'refused' && event.mode === state.mode)
        return state.mode === 'background' ? { phase: 'backgroundRefused' } : { phase: 'denied' };
      if (event.type === 'unavailable') return { phase: 'unavailable' };
      return state;
    case 'sharing':
      // The permission was taken away while sharing (the settings, the system).
      if (event.type === 'refused')
        return state.mode === 'background' ? { phase: 'backgroundRefused' } : { phase: 'denied' };
      if (event.type === 'unavailable') return { phase: 'unavailable' };
      return state;
    case 'backgroundRefused':
      if (event.type === 'useForeground') return { phase: 'requesting', mode: 'foreground' };
      if (event.type === 'retry') return { phase: 'requesting', mode: event.preferred };
      return state;
    case 'denied':
    case 'unavailable':
      return event.type === 'retry' ? { phase: 'requesting', mode: event.preferred } : state;
  }
}

/** The watcher to run in a state: which mode, or none. */
export function watchedMode(state: SharingState): SharingMode | undefined {
  return state.phase === 'requesting' || state.phase === 'sharing' ? state.mode : undefined;
}

/** A failed start of location updates: the user (or WeChat's settings) said no, or there is no location. */
export function failureKind(errMsg: string): 'refused' | 'unavailable' {
  return /auth|deny|denied|permission|authorize|scope/i.test(errMsg) ? 'refused' : 'unavailable';
}
