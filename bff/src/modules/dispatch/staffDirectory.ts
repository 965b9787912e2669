import type { UserModels } from '../users/userModel';

/** Who to tell: a squad's leaders, a street's community (grid) workers, the dispatchers. */
export function staffDirectory(models: UserModels) {
  const idsOf = async (filter: Record<string, unknown>) =>
    (await models.User.find({ ...filter, disabled: false }, { _id: 1 }).lean()).map((user) => user._id);
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
