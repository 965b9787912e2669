import { useEffect, useRef } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';
import type { LiveTopic } from '@jiefang/contracts';
import { createAutoRefresh, type AutoRefresh } from '../features/devices/refresh';
import { liveHub } from './liveConnection';

export type { LiveTopic } from '@jiefang/contracts';

/** How soon a visible page shows a change made elsewhere (the stream at once; the poll every 1.5 s). */
export const liveRefreshMs = 2_000;

/** A slow reload while visible all the same, should a change have slipped between stream and poll. */
export const liveSafetyRefreshMs = 60_000;

export interface LiveRefreshOptions {
  /** The slow reload's interval (default `liveSafetyRefreshMs`). */
  safetyMs?: number;
}

/**
 * Keeps a page current while it is visible: `run` loads it every time it shows (changes made while it
 * was hidden were not heard) and again whenever something of `topics` changes for the signed-in user
 * (H5: the stream `GET /api/me/events`; mini-program: the poll `GET /api/me/changes`). One listener
 * serves every visible page. Returns the page's refresher, for pull-down and buttons.
 */
export function useLiveRefresh(
  run: () => Promise<unknown>,
  topics: readonly LiveTopic[],
  options: LiveRefreshOptions = {},
): AutoRefresh {
  const latest = useRef(run);
  latest.current = run;
  const ref = useRef<AutoRefresh | undefined>(undefined);
  if (!ref.current)
    ref.current = createAutoRefresh({
      intervalMs: options.safetyMs ?? liveSafetyRefreshMs,
      run: () => latest.current(),
    });
  const poller = ref.current;
  const topicsKey = [...new Set(topics)].sort().join(',');
  const leave = useRef<(() => void) | undefined>(undefined);

  const listen = () => {
    leave.current?.();
    const wanted = topicsKey ? (topicsKey.split(',') as LiveTopic[]) : [];
    leave.current = liveHub.subscribe(wanted, () => void poller.refresh());
  };
  const hide = () => {
    poller.stop();
    leave.current?.();
    leave.current = undefined;
  };

  useDidShow(() => {
    poller.start();
    if (!poller.busy) void poller.refresh();
    listen();
  });
  useDidHide(hide);
  // Topics that change while the page shows take effect at once.
  useEffect(() => {
    if (leave.current) listen();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [topicsKey]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => hide, []);
  return poller;
}
