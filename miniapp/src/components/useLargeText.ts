import { useSyncExternalStore } from 'react';
import { largeText } from '../services';

/** Whether large-text mode is on; every page using it re-renders when it is toggled anywhere. */
export function useLargeText(): boolean {
  return useSyncExternalStore(largeText.subscribe, largeText.get, largeText.get);
}
