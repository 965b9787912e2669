import { useEffect, useSyncExternalStore } from 'react';
import { ApiError } from '../../api/client';
import { messageOf } from '../../services';
import { createLocationSharing, type SharingSnapshot } from './locationSharing';
import { locationWatch } from './locationWatch';
import { officerApi } from './officerServices';

/** One sharing for the whole app: it keeps going while the officer moves between pages. */
export const locationSharing = createLocationSharing({
  watch: locationWatch,
  send: (fix) =>
    officerApi.shareLocation({
      lat: fix.lat,
      lng: fix.lng,
      ...(fix.accuracy !== undefined ? { accuracy: Math.min(10_000, Math.max(0, fix.accuracy)) } : {}),
    }),
  describe: (error) => (error instanceof ApiError && error.isAuthFailure ? undefined : messageOf(error)),
  now: Date.now,
});

export interface LocationSharing extends SharingSnapshot {
  supportsBackground: boolean;
  canOpenSettings: boolean;
  useForeground(): void;
  retry(): void;
  openSettings(): Promise<void>;
}

/** The sharing as a page shows it; `onDuty` (as the BFF said, once known) starts or stops it. */
export function useLocationSharing(onDuty: boolean | undefined): LocationSharing {
  const snapshot = useSyncExternalStore(
    locationSharing.subscribe,
    locationSharing.snapshot,
    locationSharing.snapshot,
  );
  useEffect(() => {
    if (onDuty !== undefined) locationSharing.setOnDuty(onDuty);
  }, [onDuty]);
  return {
    ...snapshot,
    supportsBackground: locationSharing.supportsBackground,
    canOpenSettings: locationSharing.canOpenSettings,
    useForeground: locationSharing.useForeground,
    retry: locationSharing.retry,
    openSettings: locationSharing.openSettings,
  };
}
