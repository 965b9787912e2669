import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type SquadScheduleRequest } from '@jiefang/contracts';
import { api } from '../app/services';
import { officerKeys } from '../tickets/queries';
import { WEEK_DAYS } from './week';

export const rosterKeys = {
  all: ['rosters'] as const,
  week: (squadId: string, monday: string) => ['rosters', squadId, monday] as const,
};

export function useSquadRoster(squadId: string | null, monday: string) {
  return useQuery({
    queryKey: rosterKeys.week(squadId ?? '', monday),
    queryFn: ({ signal }) => api.squadRoster(squadId ?? '', monday, WEEK_DAYS, signal),
    enabled: Boolean(squadId),
  });
}

export function useSaveSchedule(squadId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SquadScheduleRequest) => api.saveSchedule(squadId, body),
    onSuccess: () => client.invalidateQueries({ queryKey: rosterKeys.all }),
  });
}

export function useSetRosterEntry(squadId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (cell: { date: string; shiftId: string; officerIds: string[] }) =>
      api.setRosterEntry(squadId, cell.date, cell.shiftId, cell.officerIds),
    // Who is on shift changes the officer list's offers too.
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: rosterKeys.all }),
        client.invalidateQueries({ queryKey: officerKeys.list }),
      ]),
  });
}
