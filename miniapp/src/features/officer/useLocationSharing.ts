import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { messageOf } from '../../services';
import {
  nextSharingState,
  sharingOff,
  watchedMode,
  type SharingMode,
  type SharingState,
} from './locationPermission';
import { createLocationThrottle, type LocationFix } from './locationThrottle';
import { locationWatch } from './locationWatch';
import { officerApi } from './officerServices';

export interface LocationSharing {
  state: SharingState;
  lastFix: LocationFix | undefined;
  /** When a position last reached the BFF. */
  lastSentAt: number | undefined;
  sendError: string | undefined;
  supportsBackground: boolean;
  canOpenSettings: boolean;
  useForeground(): void;
  retry(): void;
  openSettings(): Promise<void>;
  /** The latest fix, if fresh, for a check-in. */
  freshFix(maxAgeMs: number): LocationFix | undefined;
}

const preferred: SharingMode = locationWatch.supportsBackground ? 'background' : 'foreground';

/**
 * Shares the officer's position while on duty: asks for the permission the platform needs, watches the
 * position, and sends it throttled to POST /api/officer/location. Off duty it stops and forgets.
 */
export function useLocationSharing(onDuty: boolean): LocationSharing {
  const [state, dispatch] = useReducer(nextSharingState, sharingOff);
  const [lastFix, setLastFix] = useState<LocationFix | undefined>(undefined);
  const [lastSentAt, setLastSentAt] = useState<number | undefined>(undefined);
  const [sendError, setSendError] = useState<string | undefined>(undefined);
  const throttle = useRef(createLocationThrottle());
  const latestFix = useRef<LocationFix | undefined>(undefined);
  const sending = useRef(false);

  useEffect(() => {
    if (onDuty) dispatch({ type: 'dutyOn', preferred });
    else {
      dispatch({ type: 'dutyOff' });
      throttle.current.reset();
      setLastFix(undefined);
      setLastSentAt(undefined);
      setSendError(undefined);
    }
  }, [onDuty]);

  const send = useCallback(async (fix: LocationFix) => {
    if (sending.current || !throttle.current.shouldSend(fix)) return;
    sending.current = true;
    try {
      await officerApi.shareLocation({
        lat: fix.lat,
        lng: fix.lng,
        ...(fix.accuracy !== undefined ? { accuracy: Math.min(10_000, Math.max(0, fix.accuracy)) } : {}),
      });
      throttle.current.sent(fix);
      setLastSentAt(Date.now());
      setSendError(undefined);
    } catch (error) {
      if (!(error instanceof ApiError && error.isAuthFailure)) setSendError(messageOf(error));
    } finally {
      sending.current = false;
    }
  }, []);

  const mode = watchedMode(state);
  useEffect(() => {
    if (!mode) return undefined;
    let live = true;
    void locationWatch
      .start(
        mode,
        (fix) => {
          if (!live) return;
          latestFix.current = fix;
          setLastFix(fix);
          void send(fix);
        },
        (problem) => {
          if (!live) return;
          dispatch(problem === 'refused' ? { type: 'refused', mode } : { type: 'unavailable' });
        },
      )
      .then((outcome) => {
        if (!live) return;
        if (outcome === 'started') dispatch({ type: 'started', mode });
        else if (outcome === 'refused') dispatch({ type: 'refused', mode });
        else dispatch({ type: 'unavailable' });
      });
    return () => {
      live = false;
      locationWatch.stop();
    };
  }, [mode, send]);

  return {
    state,
    lastFix,
    lastSentAt,
    sendError,
    supportsBackground: locationWatch.supportsBackground,
    canOpenSettings: locationWatch.canOpenSettings,
    useForeground: () => dispatch({ type: 'useForeground' }),
    retry: () => dispatch({ type: 'retry', preferred }),
    async openSettings() {
      await locationWatch.openSettings();
      dispatch({ type: 'retry', preferred });
    },
    freshFix(maxAgeMs) {
      const fix = latestFix.current;
      return fix && Date.now() - fix.at <= maxAgeMs ? fix : undefined;
    },
  };
}
