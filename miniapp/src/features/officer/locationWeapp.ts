import Taro from '@tarojs/taro';
import { failureKind } from './locationPermission';
import type { LocationWatch } from './locationWatch';

type ChangeListener = (result: Taro.onLocationChange.CallbackResult) => void;
type ErrorListener = (result: { errCode?: number; errMsg?: string }) => void;

let changeListener: ChangeListener | undefined;
let errorListener: ErrorListener | undefined;

function errMsgOf(error: unknown): string {
  return error && typeof error === 'object' && 'errMsg' in error ? String(error.errMsg) : String(error);
}

/** The background permission as WeChat last recorded it: true, false (refused), or undefined (never asked). */
async function backgroundSetting(): Promise<boolean | undefined> {
  try {
    const { authSetting } = await Taro.getSetting();
    return (authSetting as Record<string, boolean | undefined>)['scope.userLocationBackground'];
  } catch {
    return undefined;
  }
}

function unlisten(): void {
  if (changeListener) Taro.offLocationChange(changeListener);
  if (errorListener) Taro.offLocationChangeError(errorListener);
  changeListener = undefined;
  errorListener = undefined;
}

/**
 * Background mode needs scope.userLocationBackground, which `authorize` cannot ask for: the first
 * startLocationUpdateBackground shows WeChat's own prompt ("使用小程序期间和离开小程序后"); once refused, only
 * the settings page can grant it. Foreground mode needs scope.userLocation only.
 */
export const weappLocationWatch: LocationWatch = {
  supportsBackground: true,
  canOpenSettings: true,

  async start(mode, onFix, onProblem) {
    this.stop();
    if (mode === 'background' && (await backgroundSetting()) === false) return 'refused';
    try {
      if (mode === 'background') await Taro.startLocationUpdateBackground({ type: 'wgs84' });
      else await Taro.startLocationUpdate({ type: 'wgs84' });
    } catch (error) {
      return failureKind(errMsgOf(error));
    }
    changeListener = (result) =>
      onFix({ lat: result.latitude, lng: result.longitude, accuracy: result.accuracy, at: Date.now() });
    errorListener = (result) => onProblem(failureKind(result.errMsg ?? ''));
    Taro.onLocationChange(changeListener);
    Taro.onLocationChangeError(errorListener);
    return 'started';
  },

  stop() {
    unlisten();
    Taro.stopLocationUpdate({ fail: () => undefined });
  },

  async openSettings() {
    try {
      const { authSetting } = await Taro.openSetting();
      return (authSetting as Record<string, boolean | undefined>)['scope.userLocationBackground'] === true;
    } catch {
      return false;
    }
  },
};
