import { type OfficerSummary } from '@jiefang/contracts';
import { useMemo } from 'react';
import { useSession } from '../auth/useSession';
import { canListOfficers } from './permissions';
import { useOfficers, useStreets } from './queries';
import { type TimelineLookups } from './labels';

/** Names for ids: officers (for those who may list them) and squads. */
export function useDirectory(): TimelineLookups & { officers: OfficerSummary[] } {
  const current = useSession();
  const allowed = current ? canListOfficers(current.user) : false;
  const officers = useOfficers(allowed);
  const streets = useStreets();
  return useMemo(() => {
    const byId = new Map((officers.data?.items ?? []).map((officer) => [officer.id, officer.name]));
    const squads = new Map((streets.data?.items ?? []).map((street) => [street.squadId, street.squadName]));
    if (current) byId.set(current.user.id, current.user.name);
    return {
      officers: officers.data?.items ?? [],
      officerName: (id: string) => byId.get(id),
      squadName: (id: string) => squads.get(id),
    };
  }, [officers.data, streets.data, current]);
}
