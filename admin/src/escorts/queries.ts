import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import {
  type CreateElderRequest,
  type CreateEscortRequest,
  type Elder,
  type Escort,
  type EscortList,
  type Volunteer,
} from '@jiefang/contracts';
import { type ElderList } from '../api/endpoints';
import { api } from '../app/services';
import { replaceEscort } from './queue';
import { elderKeys, escortKeys, volunteerKeys, type EscortFilters } from './queryKeys';

/** Escorts are not pushed to the panel: refresh the open requests often, so SOS and new ones show soon. */
export const ESCORT_REFRESH_MS = 15_000;
export const STATISTICS_REFRESH_MS = 60_000;

export function useEscortServices() {
  return useQuery({
    queryKey: escortKeys.services,
    queryFn: ({ signal }) => api.escortServices(signal),
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

export function useElders() {
  return useQuery({ queryKey: elderKeys.list, queryFn: ({ signal }) => api.elders(signal) });
}

export function useElder(id: string | null) {
  return useQuery({
    queryKey: elderKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.elder(id ?? '', signal),
    enabled: Boolean(id),
  });
}

export function useCreateElder() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateElderRequest) => api.createElder(body),
    onSuccess: (elder: Elder) => {
      client.setQueryData(elderKeys.detail(elder.id), elder);
      client.setQueryData<ElderList>(elderKeys.list, (list) =>
        list ? { items: [elder, ...list.items.filter((item) => item.id !== elder.id)] } : list,
      );
      void client.invalidateQueries({ queryKey: elderKeys.list });
    },
  });
}

export function useEscortList(filters: EscortFilters, enabled = true) {
  return useQuery({
    queryKey: escortKeys.list(filters),
    queryFn: ({ signal }) => api.escorts(filters, signal),
    refetchInterval: ESCORT_REFRESH_MS,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useEscort(id: string | null) {
  return useQuery({
    queryKey: escortKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.escort(id ?? '', signal),
    enabled: Boolean(id),
    refetchInterval: ESCORT_REFRESH_MS,
  });
}

export function useEscortStatistics() {
  return useQuery({
    queryKey: escortKeys.statistics,
    queryFn: ({ signal }) => api.escortStatistics(signal),
    refetchInterval: STATISTICS_REFRESH_MS,
  });
}

/** An action answered with the changed escort: show it everywhere at once, then let the server settle. */
export function applyEscortUpdate(client: QueryClient, escort: Escort): void {
  client.setQueryData(escortKeys.detail(escort.id), escort);
  for (const [key, list] of client.getQueriesData<EscortList>({ queryKey: escortKeys.lists })) {
    if (!list) continue;
    const filters = key[2] as EscortFilters | undefined;
    const items = replaceEscort(list.items, escort, filters?.status);
    client.setQueryData<EscortList>(key, {
      items,
      total: Math.max(0, list.total - (list.items.length - items.length)),
    });
  }
  void client.invalidateQueries({ queryKey: escortKeys.all });
}

export function useCreateEscort() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateEscortRequest) => api.createEscort(body),
    onSuccess: (escort) => {
      client.setQueryData(escortKeys.detail(escort.id), escort);
      void client.invalidateQueries({ queryKey: escortKeys.all });
    },
  });
}

export function useCancelEscort() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; reason: string }) => api.cancelEscort(v.id, v.reason),
    onSuccess: (escort) => applyEscortUpdate(client, escort),
  });
}

export function useReassignEscort() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; reason: string; volunteerId?: string }) =>
      api.reassignEscort(v.id, {
        reason: v.reason,
        ...(v.volunteerId ? { volunteerId: v.volunteerId } : {}),
      }),
    onSuccess: (escort) => applyEscortUpdate(client, escort),
  });
}

export function useVolunteers(verified: boolean, enabled = true) {
  return useQuery({
    queryKey: volunteerKeys.list(verified),
    queryFn: ({ signal }) => api.volunteers(verified, signal),
    enabled,
  });
}

export function useVerifyVolunteer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.verifyVolunteer(id),
    onSuccess: (volunteer: Volunteer) => {
      client.setQueryData<Volunteer[]>(volunteerKeys.list(false), (list) =>
        list?.filter((item) => item.id !== volunteer.id),
      );
      client.setQueryData<Volunteer[]>(volunteerKeys.list(true), (list) =>
        list ? [volunteer, ...list.filter((item) => item.id !== volunteer.id)] : list,
      );
      void client.invalidateQueries({ queryKey: volunteerKeys.all });
    },
  });
}

export function useVolunteerHours(id: string | null) {
  return useQuery({
    queryKey: volunteerKeys.hours(id ?? ''),
    queryFn: ({ signal }) => api.volunteerHours(id ?? '', signal),
    enabled: Boolean(id),
  });
}

export function useReviewHours() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { volunteerId: string; escortId: string }) => api.reviewHours(v.volunteerId, v.escortId),
    onSuccess: (hours) => {
      client.setQueryData(volunteerKeys.hours(hours.volunteerId), hours);
      void client.invalidateQueries({ queryKey: escortKeys.statistics });
    },
  });
}
