import type { LocationFix } from './locationThrottle';
import type { SharingMode } from './locationPermission';
import { h5LocationWatch } from './locationH5';
import { weappLocationWatch } from './locationWeapp';

/** What starting location updates came to. */
export type WatchOutcome = 'started' | 'refused' | 'unavailable';

/**
 * The officer's position while on duty, the same on both platforms: the mini-program's
 * startLocationUpdate(Background) + onLocationChange, the browser's watchPosition. Fixes are WGS-84.
 */
export interface LocationWatch {
  /** Whether positions can keep coming with the app in the background (only the mini-program). */
  supportsBackground: boolean;
  /** Whether the app can open the permission settings itself (only the mini-program). */
  canOpenSettings: boolean;
  start(
    mode: SharingMode,
    onFix: (fix: LocationFix) => void,
    onProblem: (problem: Exclude<WatchOutcome, 'started'>) => void,
  ): Promise<WatchOutcome>;
  stop(): void;
  /** Opens the mini-program's settings page; resolves whether background location is now allowed. */
  openSettings(): Promise<boolean>;
}

export const locationWatch: LocationWatch =
  process.env.TARO_ENV === 'h5' ? h5LocationWatch : weappLocationWatch;
