import { randomInt } from 'node:crypto';
import type { PasswordResetResponse } from '@jiefang/contracts';
import type { Clock } from '../../infra/clock';
import { notFound, unprocessable } from '../../http/httpError';
import { oneTimePassword } from '../../domain/oneTimePasswords';
import { findStreet, type District } from '../district/district';
import { hashPassword } from './passwords';
import { toUserView, type UserDocument, type UserModels } from './userModel';

export interface PasswordResetsDeps {
  models: UserModels;
  district: District;
  clock: Clock;
  revocations: { revoke(userId: string): Promise<void> };
}

/**
 * An administrator resets a staff member's password: a generated one-time password, answered once and
 * kept only as a hash, replaces it; the person's sessions end and their next sign-in must change it.
 */
export function passwordResets(deps: PasswordResetsDeps) {
  return {
    async reset(user: UserDocument): Promise<PasswordResetResponse> {
      if (!user.username) throw unprocessable('该账号通过微信登录，没有密码可以重置');
      const temporaryPassword = oneTimePassword(randomInt);
      const updated = await deps.models.User.findOneAndUpdate(
        { _id: user._id },
        {
          $set: {
            passwordHash: await hashPassword(temporaryPassword),
            mustChangePassword: true,
            updatedAt: deps.clock.now(),
          },
        },
        { returnDocument: 'after' },
      ).lean();
      if (!updated) throw notFound('用户不存在');
      await deps.revocations.revoke(updated._id);
      const street = updated.streetId ? findStreet(deps.district, updated.streetId) : undefined;
      return { user: toUserView(updated, street?.properties.name), temporaryPassword };
    },
  };
}

export type PasswordResets = ReturnType<typeof passwordResets>;
