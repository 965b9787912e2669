import { useMutation, useQuery } from '@tanstack/react-query';
import { type PasswordLoginRequest } from '@jiefang/contracts';
import { api, session } from '../app/services';

export const queryKeys = {
  me: ['me'] as const,
  readiness: ['readiness'] as const,
};

export const READINESS_REFRESH_MS = 10_000;

export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: async ({ signal }) => {
      const user = await api.me(signal);
      // Keep the header's copy (from login) in step with the server.
      session.updateUser(user);
      return user;
    },
  });
}

export function useReadiness() {
  return useQuery({
    queryKey: queryKeys.readiness,
    queryFn: ({ signal }) => api.readiness(signal),
    refetchInterval: READINESS_REFRESH_MS,
  });
}

export function useLogin() {
  return useMutation({
    mutationFn: (body: PasswordLoginRequest) => api.login(body),
    onSuccess: (response) => session.set(response),
  });
}
