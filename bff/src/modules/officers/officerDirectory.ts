import type { OfficerList } from '@jiefang/contracts';
import type { Caller } from '../../http/appState';
import type { Clock } from '../../infra/clock';
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
  clock: Clock;
}) {
  return {
    /** Dispatchers and admins see any squad's officers (all by default), squad leaders their own squad's. */
    async visibleTo(caller: Caller, requestedSquadId: string | undefined): Promise<OfficerList> {
      const seesAll = caller.roles.includes('dispatcher') || caller.roles.includes('admin');
      const officers = await deps.accounts.enabled(seesAll ? requestedSquadId : caller.squadId);
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
