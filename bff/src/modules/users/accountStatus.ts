import type { User } from '@jiefang/contracts';
import type { Clock } from '../../infra/clock';
import { notFound, unprocessable } from '../../http/httpError';
import { findStreet, type District } from '../district/district';
import type { StaffChanges } from './staffChanges';
import { toUserView, type UserModels } from './userModel';

export interface AccountStatusDeps {
  models: UserModels;
  /** modules/auth's token revocations: a disabled user's tokens stop working. */
  revocations: { revoke(userId: string): Promise<void> };
  /** modules/officers' presence: a disabled officer goes off duty. */
  presence: { setDuty(officer: { id: string; squadId: string }, onDuty: boolean): Promise<unknown> };
  changes: StaffChanges;
  district: District;
  clock: Clock;
  /** Hands the tickets a disabled officer holds to someone else. */
  releaseOfficer: (officerId: string) => Promise<number>;
}

/** Disabling and re-enabling accounts. A disabled user's tokens stop working on their next request. */
export function accountStatus(deps: AccountStatusDeps) {
  return {
    async setDisabled(actorId: string, userId: string, disabled: boolean): Promise<User> {
      if (disabled && actorId === userId) throw unprocessable('不能停用自己的账号');
      const user = await deps.models.User.findOneAndUpdate(
        { _id: userId },
        { $set: { disabled, updatedAt: deps.clock.now() } },
        { returnDocument: 'after' },
      ).lean();
      if (!user) throw notFound('用户不存在');
      if (disabled) {
        // Repeated on a user already disabled, so a retry after a failed Redis write completes it.
        await deps.revocations.revoke(userId);
        if (user.squadId) {
          await deps.presence.setDuty({ id: userId, squadId: user.squadId }, false);
          await deps.releaseOfficer(userId);
        }
      }
      // Cached role look-ups (dispatch, notifications) leave the disabled user out, or take them back.
      await deps.changes.changed();
      const street = user.streetId ? findStreet(deps.district, user.streetId) : undefined;
      return toUserView(user, street?.properties.name);
    },
  };
}

export type AccountStatus = ReturnType<typeof accountStatus>;
