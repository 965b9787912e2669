import type { OfficerList } from '@jiefang/contracts';
import type { Caller } from '../../http/appState';
import type { Clock } from '../../infra/clock';
import { adminStreetOf, reachesDistrict } from '../../domain/staffScope';
import { findStreet, type District } from '../district/district';
import type { RosterStore } from '../rosters/rosterStore';
import type { OfficerAccounts } from '../users/officerAccounts';
import type { OfficerPresence } from './officerPresence';

/** Officers with their duty state, position and workload, for whoever assigns by hand. */
export function officerDirectory(deps: {
  accounts: OfficerAccounts;
  presence: Pick<OfficerPresence, 'status'>;
  /** How many tickets each officer holds (modules/tickets). */
  heldCounts: (officerIds: readonly string[]) => Promise<Map<string, number>>;
  shifts: Pick<RosterStore, 'officersOnShift'>;
  district: District;
  clock: Clock;
}) {
  return {
    /**
     * Dispatchers and the district's admins see any squad's officers (all by default), a street's admin
     * their street's squad's (asking for another lists none), squad leaders their own squad's.
     */
    async visibleTo(caller: Caller, requestedSquadId: string | undefined): Promise<OfficerList> {
      const ownStreet = adminStreetOf(caller);
      const streetSquad =
        ownStreet === undefined
          ? undefined
          : (findStreet(deps.district, ownStreet)?.properties.squadId ?? '(none)');
      if (streetSquad !== undefined && requestedSquadId !== undefined && requestedSquadId !== streetSquad)
        return { items: [] };
      const officers = await deps.accounts.enabled(
        reachesDistrict(caller) ? requestedSquadId : (streetSquad ?? caller.squadId),
      );
      const load = await deps.heldCounts(officers.map((officer) => officer._id));
      const rosters = await deps.shifts.officersOnShift(
        officers.map((officer) => officer.squadId ?? ''),
        deps.clock.now().getTime(),
      );
      return {
        items: await Promise.all(
          officers.map(async (officer) => ({
            id: officer._id,
            name: officer.name,
            squadId: officer.squadId ?? '',
            streetId: officer.streetId ?? null,
            activeTickets: load.get(officer._id) ?? 0,
            // Null where the squad does not dispatch by roster.
            onShift: rosters.get(officer.squadId ?? '')?.officerIds.has(officer._id) ?? null,
            ...(await deps.presence.status(officer._id)),
          })),
        ),
      };
    },
  };
}

export type OfficerDirectory = ReturnType<typeof officerDirectory>;
