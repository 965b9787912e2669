import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type ChangePasswordRequest,
  type CreateStaffAccountRequest,
  type UpdateUserRequest,
} from '@jiefang/contracts';
import { api, session } from '../app/services';
import { type StaffFilters } from './staffFilters';

export const staffKeys = {
  all: ['staff'] as const,
  list: (filters: StaffFilters) => ['staff', 'list', filters] as const,
};

export function useStaffList(filters: StaffFilters) {
  return useQuery({
    queryKey: staffKeys.list(filters),
    queryFn: ({ signal }) => api.users(filters, signal),
    // Typing in the search box keeps the last rows until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}

/** After any change the lists are fetched again (the changed person may enter or leave a filter). */
function useStaffMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => client.invalidateQueries({ queryKey: staffKeys.all }),
  });
}

export const useCreateStaff = () =>
  useStaffMutation((body: CreateStaffAccountRequest) => api.createUser(body));

export const useUpdateStaff = () =>
  useStaffMutation(({ id, change }: { id: string; change: UpdateUserRequest }) => api.updateUser(id, change));

export const useResetPassword = () => useStaffMutation((id: string) => api.resetPassword(id));

/** Changing one's own password answers a new sign-in: the session takes it (old tokens no longer work). */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordRequest) => api.changePassword(body),
    onSuccess: (response) => session.set(response),
  });
}
