import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { messageOf } from '../services';
import { createLoadRunner, settledState, type LoadPolicy, type LoadState } from './loadRunner';

export type { LoadState } from './loadRunner';

export interface LoadableOptions<T> extends LoadPolicy<T> {
  /** Loads only while true (e.g. once signed in, once the volunteer is known); until then it is 'loading'. */
  enabled?: boolean;
  /** Loads by itself when mounted, enabled, and when `deps` change (default); false when the page drives it. */
  auto?: boolean;
  /** What is already known (e.g. from the list that opened the page): shown at once, then refreshed quietly. */
  initial?: () => T | undefined;
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
 * One thing a page loads, in the states every page shows the same way (see `DetailLayout`). Loads do
 * nothing while not `enabled`; answers after the page is gone or after a newer load are dropped.
 */
export function useLoadable<T>(
  load: () => Promise<T>,
  deps: DependencyList,
  { enabled = true, auto = true, initial, ...policy }: LoadableOptions<T> = {},
): Loadable<T> {
  const [state, setState] = useState<LoadState<T>>(() => {
    const known = initial?.();
    return known === undefined ? { status: 'loading' } : settledState(known, Date.now(), policy.isEmpty);
  });
  const latest = useRef({ state, load, policy });
  latest.current = { state, load, policy };

  const runner = useRef<ReturnType<typeof createLoadRunner<T>> | undefined>(undefined);
  if (!runner.current) {
    runner.current = createLoadRunner<T>({
      load: () => latest.current.load(),
      read: () => latest.current.state,
      write: setState,
      policy: () => latest.current.policy,
      describe: messageOf,
      now: Date.now,
    });
  }
  const { run: runLoad, attach } = runner.current;
  useEffect(attach, [attach]);

  const run = useCallback(
    (quiet: boolean) => (enabled ? runLoad(quiet) : Promise.resolve()),
    // The caller's deps say when `load` means something else.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [enabled, runLoad, ...deps],
  );

  const reload = useCallback(() => run(false), [run]);
  const refresh = useCallback(() => run(true), [run]);
  const loadShown = useCallback(() => {
    const { status } = latest.current.state;
    return run(status === 'ready' || status === 'empty');
  }, [run]);
  const set = useCallback(
    (value: T) => setState(settledState(value, Date.now(), latest.current.policy.isEmpty)),
    [],
  );

  const firstQuiet = useRef(state.status !== 'loading');
  useEffect(() => {
    if (!auto || !enabled) return;
    void run(firstQuiet.current);
    firstQuiet.current = false;
  }, [auto, enabled, run]);

  return { state, reload, refresh, load: loadShown, set };
}
