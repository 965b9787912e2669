import type { AuthResponse } from '@jiefang/contracts';
import type { UserModels } from '../users/userModel';

/**
 * The `property_owner` role follows ownership: an invited user gets it when they confirm, and loses it
 * when they are removed from the last household they own (they stay a resident: nothing else ends).
 */
export function ownerAccounts(deps: {
  models: UserModels;
  /** The ids of the households a user owns. */
  ownedBy: (userId: string) => Promise<string[]>;
  reissue: (userId: string) => Promise<AuthResponse>;
  now: () => Date;
}) {
  const grant = async (userId: string) => {
    await deps.models.User.updateOne(
      { _id: userId, roles: { $ne: 'property_owner' } },
      { $addToSet: { roles: 'property_owner' }, $set: { updatedAt: deps.now() } },
    );
  };

  return {
    /** Makes an invited user a property owner and gives them a new session: alarms and the owner's pages go by the role in the token. */
    async becomeOwner(userId: string): Promise<AuthResponse> {
      await grant(userId);
      return deps.reissue(userId);
    },

    /**
     * After an owner was removed from a household: takes the role away when they own none any more.
     * Safe against an invitation confirmed meanwhile: confirming adds the household before the role, and
     * this looks at the households again after taking the role, so one of the two always sees the other.
     */
    async ownerRemoved(userId: string): Promise<void> {
      if ((await deps.ownedBy(userId)).length > 0) return;
      const user = await deps.models.User.findById(userId, { roles: 1 }).lean();
      if (!user?.roles.includes('property_owner')) return;
      if (user.roles.some((role) => role !== 'property_owner')) {
        await deps.models.User.updateOne(
          { _id: userId },
          { $pull: { roles: 'property_owner' }, $set: { updatedAt: deps.now() } },
        );
      } else {
        // An account that was only an owner (made by staff) stays a resident: a token needs a role.
        await deps.models.User.updateOne(
          { _id: userId, roles: ['property_owner'] },
          { $set: { roles: ['resident'], updatedAt: deps.now() } },
        );
      }
      if ((await deps.ownedBy(userId)).length > 0) await grant(userId);
    },
  };
}

export type OwnerAccounts = ReturnType<typeof ownerAccounts>;
