import { useEffect, useRef } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';
import { createAutoRefresh, type AutoRefresh } from './refresh';

/**
 * Runs `run` when the page shows and every `intervalMs` while it stays visible (Taro reports hiding for
 * navigation, the app going to the background and, in H5, the browser tab being hidden). `run` may change
 * between renders; the latest one is called.
 */
export function useAutoRefresh(run: () => Promise<unknown>, intervalMs: number): AutoRefresh {
  const latest = useRef(run);
  latest.current = run;
  const ref = useRef<AutoRefresh | undefined>(undefined);
  if (!ref.current) ref.current = createAutoRefresh({ intervalMs, run: () => latest.current() });
  const poller = ref.current;

  useDidShow(() => poller.start());
  useDidHide(() => poller.stop());
  useEffect(() => () => poller.stop(), [poller]);
  return poller;
}
