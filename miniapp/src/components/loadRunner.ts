import { ApiError } from '../api/client';

/**
 * What a page shows of one thing it loads. `loadedAt` is when it arrived, the `now` its times are shown at;
 * `refreshError` why the last quiet refresh failed, with `refreshFailure: 'note'`.
 */
export type LoadState<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'empty'; value: T; loadedAt: number; refreshError?: string }
  | { status: 'ready'; value: T; loadedAt: number; refreshError?: string };

export interface LoadPolicy<T> {
  /** A loaded value that is 'empty' rather than 'ready' (an empty list). */
  isEmpty?: (value: T) => boolean;
  /**
   * A failed quiet refresh keeps what is shown ('keep', the default), keeps it with the reason in
   * `refreshError` ('note'), or replaces it with the error ('show').
   */
  refreshFailure?: 'keep' | 'note' | 'show';
  /** Told why a quiet refresh failed when what is shown is kept (e.g. to show a toast). */
  onRefreshFailure?: (message: string) => void;
}

/** What a runner works with; each is read when a load starts or ends, so it may change in between. */
export interface LoadIo<T> {
  load: () => Promise<T>;
  read: () => LoadState<T>;
  write: (state: LoadState<T>) => void;
  policy: () => LoadPolicy<T>;
  /** The message to show for a failure. */
  describe: (error: unknown) => string;
  now: () => number;
}

/** The state a value settles into. */
export function settledState<T>(value: T, loadedAt: number, isEmpty?: (value: T) => boolean): LoadState<T> {
  return { status: isEmpty?.(value) ? 'empty' : 'ready', value, loadedAt };
}

/**
 * Runs the loads of one thing. A rejected token leaves the state alone (the client has already sent the
 * user to the login page); answers that arrive while detached (the page is gone), or after a newer load
 * started, are dropped.
 */
export function createLoadRunner<T>(io: LoadIo<T>) {
  let generation = 0;
  let live = true;
  return {
    async run(quiet: boolean): Promise<void> {
      const mine = (generation += 1);
      const current = () => live && mine === generation;
      if (!quiet) io.write({ status: 'loading' });
      try {
        const value = await io.load();
        if (current()) io.write(settledState(value, io.now(), io.policy().isEmpty));
      } catch (error) {
        if (!current() || (error instanceof ApiError && error.isAuthFailure)) return;
        const { refreshFailure = 'keep', onRefreshFailure } = io.policy();
        const message = io.describe(error);
        const shown = io.read();
        if (!quiet || refreshFailure === 'show' || (shown.status !== 'ready' && shown.status !== 'empty')) {
          io.write({ status: 'error', message });
          return;
        }
        if (refreshFailure === 'note') io.write({ ...shown, refreshError: message });
        onRefreshFailure?.(message);
      }
    },
    /** Takes answers again (a page mounted anew); returns the detach to call when it goes. */
    attach(): () => void {
      live = true;
      return () => {
        live = false;
      };
    },
  };
}
