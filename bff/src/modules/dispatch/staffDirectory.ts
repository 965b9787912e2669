import type { Clock } from '../../infra/clock';
import type { StaffChanges } from '../users/staffChanges';
import type { UserModels } from '../users/userModel';

/**
 * A role's members are looked up for every ticket that needs them told (every report queued for the
 * dispatchers, say), and on FerretDB each look-up scans the users. Answers are remembered until the
 * staff version in Redis moves, and at most this long for changes made around the BFF (a seed script).
 */
export const staffLookupFreshForMs = 60_000;

/** Who to tell: a squad's leaders, a street's community (grid) workers, the dispatchers. */
export function staffDirectory(models: UserModels, changes: StaffChanges, clock: Clock) {
  const remembered = new Map<string, { at: number; version: string; ids: Promise<string[]> }>();
  const idsOf = async (filter: Record<string, unknown>): Promise<string[]> => {
    const key = JSON.stringify(filter);
    const now = clock.now().getTime();
    const version = await changes.version();
    const known = remembered.get(key);
    if (known && known.version === version && now - known.at < staffLookupFreshForMs) return known.ids;
    const ids = models.User.find({ ...filter, disabled: false }, { _id: 1 })
      .lean()
      .then((users) => users.map((user) => user._id));
    const entry = { at: now, version, ids };
    remembered.set(key, entry);
    // A failed look-up is not remembered.
    ids.catch(() => {
      if (remembered.get(key) === entry) remembered.delete(key);
    });
    return ids;
  };
  return {
    squadLeaders: (squadId: string | null) =>
      squadId ? idsOf({ roles: 'squad_leader', squadId }) : Promise.resolve([]),
    dispatchers: () => idsOf({ roles: 'dispatcher' }),
    communityWorkers: (streetId: string | null) =>
      streetId ? idsOf({ roles: 'community_worker', streetId }) : Promise.resolve([]),
    async nameOf(userId: string): Promise<string | null> {
      const user = await models.User.findById(userId, { name: 1 }).lean();
      return user?.name ?? null;
    },
    async streetOf(userId: string): Promise<string | null> {
      const user = await models.User.findById(userId, { streetId: 1 }).lean();
      return user?.streetId ?? null;
    },
    async officerSquad(officerId: string): Promise<string | null> {
      const user = await models.User.findById(officerId, { squadId: 1, roles: 1 }).lean();
      return user?.squadId ?? null;
    },
  };
}

export type StaffDirectory = ReturnType<typeof staffDirectory>;
