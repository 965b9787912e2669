import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type CheckInRequest,
  type CloseTicketRequest,
  type DutyRequest,
  type Ticket,
  type TransferRequest,
} from '@jiefang/contracts';
import { api, session } from '../app/services';
import { pollInterval, POLL_WHILE_OFFLINE_MS } from '../live/useTicketLive';
import { type LiveStatus } from '../live/ticketEvents';
import { applyTicketUpdate } from './applyTicket';
import { ticketKeys } from './queryKeys';
import { type TicketFilters } from './ticketCache';

/** Reference data changes with a deployment, not during a shift. */
const reference = { staleTime: Infinity, gcTime: Infinity } as const;

export const officerKeys = {
  list: ['officers'] as const,
  status: ['officer', 'status'] as const,
};

export function useCategories() {
  return useQuery({
    queryKey: ['categories'],
    queryFn: ({ signal }) => api.categories(signal),
    ...reference,
  });
}

export function useStreets() {
  return useQuery({ queryKey: ['streets'], queryFn: ({ signal }) => api.streets(signal), ...reference });
}

/** Grids are published during a shift (辖区网格): other tabs read them again within ten minutes (an ETag makes it cheap). */
const districtFreshFor = 10 * 60_000;

export function useDistrict() {
  return useQuery({
    queryKey: ['district'],
    queryFn: ({ signal }) => api.district(signal),
    staleTime: districtFreshFor,
    refetchInterval: districtFreshFor,
  });
}

export function useTicketList(filters: TicketFilters, live: LiveStatus) {
  return useQuery({
    queryKey: ticketKeys.list(filters),
    queryFn: ({ signal }) => api.tickets(filters, signal),
    refetchInterval: pollInterval(live),
    placeholderData: keepPreviousData,
  });
}

export function useTicket(id: string | null, live: LiveStatus) {
  return useQuery({
    queryKey: ticketKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.ticket(id ?? '', signal),
    enabled: Boolean(id),
    refetchInterval: pollInterval(live),
  });
}

/** Officers with duty state, position and workload: for dispatchers, admins and squad leaders. */
export function useOfficers(enabled = true, refetchInterval: number | false = 15_000) {
  return useQuery({
    queryKey: officerKeys.list,
    queryFn: ({ signal }) => api.officers(signal),
    enabled,
    refetchInterval,
  });
}

export function useOfficerStatus() {
  return useQuery({ queryKey: officerKeys.status, queryFn: ({ signal }) => api.officerStatus(signal) });
}

/** The officer's own assignments: refreshed by live events and every 10 s regardless. */
export function useMyTickets() {
  return useQuery({
    queryKey: ticketKeys.mine,
    queryFn: ({ signal }) => api.officerTickets(signal),
    refetchInterval: POLL_WHILE_OFFLINE_MS,
  });
}

/** A mutation whose answer is the changed ticket: merged into every cached view at once. */
function useTicketMutation<V>(mutationFn: (variables: V) => Promise<Ticket>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (ticket) => {
      applyTicketUpdate(client, ticket, session.get()?.user.id);
      // Workloads changed.
      void client.invalidateQueries({ queryKey: officerKeys.list });
    },
  });
}

export const useAssign = () =>
  useTicketMutation((v: { id: string; officerId: string; reason?: string }) =>
    api.assign(v.id, { officerId: v.officerId, ...(v.reason ? { reason: v.reason } : {}) }),
  );

export const useTransfer = () =>
  useTicketMutation((v: { id: string; request: TransferRequest }) => api.transfer(v.id, v.request));

export const useCloseTicket = () =>
  useTicketMutation((v: { id: string; request: CloseTicketRequest }) => api.closeTicket(v.id, v.request));

export const useAccept = () => useTicketMutation((id: string) => api.accept(id));

export const useReject = () =>
  useTicketMutation((v: { id: string; reason: string }) => api.reject(v.id, v.reason));

export const useCheckIn = () =>
  useTicketMutation((v: { id: string; point: CheckInRequest }) => api.checkIn(v.id, v.point));

export const useResolve = () =>
  useTicketMutation(
    (v: { id: string; note: string; photos: File[]; onProgress: (fraction: number) => void }) =>
      api.resolve(v.id, v.note, v.photos, v.onProgress),
  );

export function useSetDuty() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: DutyRequest) => api.setDuty(body),
    onSuccess: (status) => client.setQueryData(officerKeys.status, status),
  });
}
