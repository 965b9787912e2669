import { QueryClient } from '@tanstack/react-query';
import { createApiClient } from '../api/client';
import { createEndpoints } from '../api/endpoints';
import { isRetryable, type ApiError } from '../api/errors';
import { createUploader } from '../api/upload';
import { createSessionStore, SESSION_STORAGE_KEY } from '../auth/session';

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

export const api = createEndpoints(createApiClient(connection), createUploader(connection));

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
