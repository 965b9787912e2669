import type { LocationWatch } from './locationWatch';

let watchId: number | undefined;

/**
 * The browser shares a position only while the page is open (no background mode); the permission is the
 * site's, changed in the browser's own settings. Timeouts are passing troubles: the watch goes on.
 */
export const h5LocationWatch: LocationWatch = {
  supportsBackground: false,
  canOpenSettings: false,

  async start(_mode, onFix, onProblem) {
    this.stop();
    if (typeof navigator === 'undefined' || !navigator.geolocation) return 'unavailable';
    if (typeof window !== 'undefined' && window.isSecureContext === false) return 'unavailable';
    watchId = navigator.geolocation.watchPosition(
      (position) =>
        onFix({
          lat: position.coords.latitude,
          lng: position.coords.longitude,
          accuracy: position.coords.accuracy,
          at: Date.now(),
        }),
      (error) => {
        if (error.code === error.PERMISSION_DENIED) onProblem('refused');
        else if (error.code === error.POSITION_UNAVAILABLE) onProblem('unavailable');
      },
      { enableHighAccuracy: true, maximumAge: 10_000, timeout: 30_000 },
    );
    return 'started';
  },

  stop() {
    if (watchId !== undefined && typeof navigator !== 'undefined') navigator.geolocation.clearWatch(watchId);
    watchId = undefined;
  },

  openSettings: async () => false,
};
