import { squadRosterSchema, type RosterQuery, type SquadRoster } from '@jiefang/contracts';
import type { ApiClient } from './client';
import { contractRoute } from './contractRoute';

const routes = {
  roster: contractRoute('GET', '/api/squads/:squadId/roster'),
};

/** Squads' rosters as officers read them (their own squad's only; the BFF refuses the others). */
export interface RosterApi {
  /** The squad's schedule, its roster over `days` days from `from`, and the shift on now. */
  squadRoster(squadId: string, query: RosterQuery): Promise<SquadRoster>;
}

export function createRosterApi(client: ApiClient): RosterApi {
  return {
    squadRoster: (squadId, { from, days }) =>
      client.send(routes.roster.to({ squadId }, { from, days }), squadRosterSchema),
  };
}
