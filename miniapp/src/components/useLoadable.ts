import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { ApiError } from '../api/client';
import { messageOf } from '../services';

/**
 * What a page shows of one thing it loads. `loadedAt` is when it arrived, the `now` its times are shown at;
 * `refreshError` why the last quiet refresh failed, with `refreshFailure: 'note'`.
 */
export type LoadState<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'empty'; value: T; loadedAt: number; refreshError?: string }
  | { status: 'ready'; value: T; loadedAt: number; refreshError?: string };

export interface LoadableOptions<T> {
  /** Loads only while true (e.g. once signed in, once the volunteer is known); until then it is 'loading'. */
  enabled?: boolean;
  /** Loads by itself when mounted and when `deps` change (default); false when the page drives it. */
  auto?: boolean;
  /** A loaded value that is 'empty' rather than 'ready' (an empty list). */
  isEmpty?: (value: T) => boolean;
  /** What is already known (e.g. from the list that opened the page): shown at once, then refreshed quietly. */
  initial?: () => T | undefined;
  /**
   * A failed quiet refresh keeps what is shown ('keep', the default), keeps it with the reason in
   * `refreshError` ('note'), or replaces it with the error ('show').
   */
  refreshFailure?: 'keep' | 'note' | 'show';
  /** Told why a quiet refresh failed when what is shown is kept (e.g. to show a toast). */
  onRefreshFailure?: (message: string) => void;
}

export interface Loadable<T> {
  state: LoadState<T>;
  /** Loads again showing 'loading' first: the first load and 重试. */
  reload(): Promise<void>;
  /** Loads again keeping what is shown until the answer arrives: pull-down, polling. */
  refresh(): Promise<void>;
  /** `refresh` when something is shown, else `reload`: for a page coming back into view. */
  load(): Promise<void>;
  /** Shows a value that arrived another way (what an action answered, a page appended). */
  set(value: T): void;
}

/**
 * One thing a page loads, with the states every page shows the same way. A rejected token leaves the state
 * alone (the client has already sent the user to the login page); answers that arrive after the page is
 * gone, or after a newer load started, are dropped.
 */
export function useLoadable<T>(
  load: () => Promise<T>,
  deps: DependencyList,
  {
    enabled = true,
    auto = true,
    isEmpty,
    initial,
    refreshFailure = 'keep',
    onRefreshFailure,
  }: LoadableOptions<T> = {},
): Loadable<T> {
  const settled = useCallback(
    (value: T): LoadState<T> => ({
      status: isEmpty?.(value) ? 'empty' : 'ready',
      value,
      loadedAt: Date.now(),
    }),
    // isEmpty is a rule of the page, not something that changes between renders.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  const [state, setState] = useState<LoadState<T>>(() => {
    const known = initial?.();
    return known === undefined ? { status: 'loading' } : settled(known);
  });
  const latest = useRef(state);
  latest.current = state;
  const tellRefreshFailure = useRef(onRefreshFailure);
  tellRefreshFailure.current = onRefreshFailure;
  const live = useRef(true);
  const generation = useRef(0);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const run = useCallback(
    async (quiet: boolean) => {
      if (!enabled) return;
      const mine = (generation.current += 1);
      const current = () => live.current && mine === generation.current;
      if (!quiet) setState({ status: 'loading' });
      try {
        const value = await load();
        if (current()) setState(settled(value));
      } catch (error) {
        if (!current() || (error instanceof ApiError && error.isAuthFailure)) return;
        const message = messageOf(error);
        const shown = latest.current;
        if (!quiet || refreshFailure === 'show' || (shown.status !== 'ready' && shown.status !== 'empty')) {
          setState({ status: 'error', message });
          return;
        }
        if (refreshFailure === 'note') setState({ ...shown, refreshError: message });
        tellRefreshFailure.current?.(message);
      }
    },
    // The caller's deps say when `load` means something else.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [enabled, refreshFailure, ...deps],
  );

  const reload = useCallback(() => run(false), [run]);
  const refresh = useCallback(() => run(true), [run]);
  const loadShown = useCallback(() => {
    const { status } = latest.current;
    return run(status === 'ready' || status === 'empty');
  }, [run]);
  const set = useCallback((value: T) => setState(settled(value)), [settled]);

  const initialQuiet = useRef(state.status !== 'loading');
  useEffect(() => {
    if (!auto || !enabled) return;
    void run(initialQuiet.current);
    initialQuiet.current = false;
  }, [auto, enabled, run]);

  return { state, reload, refresh, load: loadShown, set };
}
