import { type CreateHouseholdRequest, type UpdateHouseholdRequest } from '@jiefang/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../app/services';
import { sendHouseholdFile } from './householdImportApi';

export const householdKeys = {
  all: ['households'] as const,
  list: (search: string) => ['households', 'list', search] as const,
};

export function useHouseholds(search: string, enabled = true) {
  return useQuery({
    queryKey: householdKeys.list(search),
    queryFn: ({ signal }) => api.households(search, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Every household change refreshes the lists (a household may have moved street). */
function useHouseholdMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => void client.invalidateQueries({ queryKey: householdKeys.all }),
  });
}

export const useCreateHousehold = () =>
  useHouseholdMutation((body: CreateHouseholdRequest) => api.createHousehold(body));
export const useUpdateHousehold = () =>
  useHouseholdMutation((v: { id: string; body: UpdateHouseholdRequest }) =>
    api.updateHousehold(v.id, v.body),
  );
export const useInviteOwner = () =>
  useHouseholdMutation((v: { id: string; phone: string }) => api.inviteOwner(v.id, v.phone));
export const useRemoveOwner = () =>
  useHouseholdMutation((v: { id: string; userId: string }) => api.removeOwner(v.id, v.userId));
export const useImportHouseholds = () =>
  useHouseholdMutation((v: { file: File; commit: boolean }) => sendHouseholdFile(v.file, v.commit));
