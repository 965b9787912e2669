import type { Connection } from 'mongoose';
import { householdModel, type HouseholdDocument } from './householdModel';

/** Every MongoDB query on households. */
export function householdStore(connection: Connection) {
  const households = householdModel(connection);
  return {
    /** Stores a new household; false when its id is taken. */
    async insert(household: HouseholdDocument): Promise<boolean> {
      try {
        await households.create(household);
        return true;
      } catch (error) {
        if ((error as { code?: number }).code === 11000) return false;
        throw error;
      }
    },
    findById: (id: string) => households.findById(id).lean<HouseholdDocument>().exec(),
    /** Up to 200, in id order: of one owner, of one street, or all. */
    list: (filter: { ownerId: string } | { streetId: string } | 'all') =>
      households
        .find(
          filter === 'all'
            ? {}
            : 'ownerId' in filter
              ? { ownerIds: filter.ownerId }
              : { streetId: filter.streetId },
        )
        .sort({ _id: 1 })
        .limit(200)
        .lean<HouseholdDocument[]>()
        .exec(),
    /** The ids of the households someone owns. */
    idsOwnedBy: async (ownerId: string) =>
      (await households.find({ ownerIds: ownerId }, { _id: 1 }).lean()).map((item) => String(item._id)),
  };
}

export type HouseholdStore = ReturnType<typeof householdStore>;
