import { QueryClient } from '@tanstack/react-query';
import { createApiClient } from '../api/client';
import { createEndpoints } from '../api/endpoints';
import { isRetryable, type ApiError } from '../api/errors';
import { createUploader } from '../api/upload';
import { createSessionStore, SESSION_STORAGE_KEY } from '../auth/session';
import { createPublicBoardEndpoint, createStatisticsEndpoints } from '../statistics/endpoints';

/** The app's singletons, wired once for the browser. Tests build their own from the factories. */

function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export const session = createSessionStore(browserStorage());

// Another tab signed in or out.
window.addEventListener('storage', (event) => {
  if (event.key === SESSION_STORAGE_KEY || event.key === null) session.reload();
});

const apiBase = import.meta.env.VITE_API_BASE ?? '';

export const apiBaseUrl = apiBase.replace(/\/+$/, '');

const connection = {
  baseUrl: apiBase,
  getToken: () => session.get()?.token ?? null,
  onUnauthenticated: (error: ApiError) =>
    session.clear(error.code === 'token_expired' ? 'expired' : 'invalid'),
};

const client = createApiClient(connection);
export const api = createEndpoints(client, createUploader(connection));
export const statisticsApi = createStatisticsEndpoints(client);

// The public board is for anyone: no token, so a stale session can neither break it nor be cleared by it.
export const publicBoard = createPublicBoardEndpoint(
  createApiClient({ baseUrl: apiBase, getToken: () => null, onUnauthenticated: () => undefined }),
);

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (failureCount, error) => isRetryable(error) && failureCount < 2,
      refetchOnWindowFocus: true,
    },
    mutations: { retry: false },
  },
});

// Nothing cached for one person may be shown to the next.
session.subscribe(() => {
  if (!session.get()) queryClient.clear();
});
