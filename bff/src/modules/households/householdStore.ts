import type { Connection } from 'mongoose';
import { householdModel, type HouseholdDocument, type OwnerLink } from './householdModel';

export type HouseholdFilter = { ownerId: string } | { streetId: string } | 'all';

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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
    /** Up to 200, in address order (as people look for them): of one owner, of one street, or all; `search` in the address or id. */
    list: (filter: HouseholdFilter, search?: string) => {
      const where: Record<string, unknown> =
        filter === 'all'
          ? {}
          : 'ownerId' in filter
            ? { ownerIds: filter.ownerId }
            : { streetId: filter.streetId };
      if (search) {
        const pattern = escapeRegex(search);
        where.$or = [
          { address: { $regex: pattern, $options: 'i' } },
          { _id: { $regex: pattern, $options: 'i' } },
        ];
      }
      return households
        .find(where)
        .sort({ address: 1, _id: 1 })
        .limit(200)
        .lean<HouseholdDocument[]>()
        .exec();
    },
    /** Sets address, location, grid, street or contacts; the household after, or null when gone. */
    update: (id: string, set: Partial<Omit<HouseholdDocument, '_id' | 'ownerIds' | 'ownerLinks'>>) =>
      households.findOneAndUpdate({ _id: id }, { $set: set }, { new: true }).lean<HouseholdDocument>().exec(),
    /** Adds an owner once: a second call for the same owner changes nothing. */
    async addOwner(id: string, link: OwnerLink): Promise<void> {
      await households.updateOne(
        { _id: id, ownerIds: { $ne: link.userId } },
        { $addToSet: { ownerIds: link.userId }, $push: { ownerLinks: link } },
      );
    },
    /** Removes an owner; false when they were not one. */
    async removeOwner(id: string, userId: string): Promise<boolean> {
      const household = await households.findOne({ _id: id, ownerIds: userId }).lean<HouseholdDocument>();
      if (!household) return false;
      await households.updateOne(
        { _id: id },
        {
          $pull: { ownerIds: userId },
          $set: { ownerLinks: (household.ownerLinks ?? []).filter((link) => link.userId !== userId) },
        },
      );
      return true;
    },
    /** The ids of the households someone owns. */
    idsOwnedBy: async (ownerId: string) =>
      (await households.find({ ownerIds: ownerId }, { _id: 1 }).lean()).map((item) => String(item._id)),
  };
}

export type HouseholdStore = ReturnType<typeof householdStore>;
