import type { AuthResponse } from '@jiefang/contracts';
import type { UserModels } from '../users/userModel';

/**
 * Makes an invited user a property owner (they keep being a resident) and gives them a new session:
 * alarms and the owner's pages go by the role in the token.
 */
export function ownerAccounts(deps: {
  models: UserModels;
  reissue: (userId: string) => Promise<AuthResponse>;
  now: () => Date;
}) {
  return async (userId: string): Promise<AuthResponse> => {
    await deps.models.User.updateOne(
      { _id: userId, roles: { $ne: 'property_owner' } },
      { $addToSet: { roles: 'property_owner' }, $set: { updatedAt: deps.now() } },
    );
    return deps.reissue(userId);
  };
}
