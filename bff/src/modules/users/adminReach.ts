import type { Caller } from '../../http/appState';
import { forbidden, notFound } from '../../http/httpError';
import { manages, reachOf, type AdminReach } from '../../domain/staffScope';
import type { UserDocument, UserModels } from './userModel';

/** The reach of the administrator calling, read from their account (never from the request). */
export function adminReaches(models: UserModels) {
  return {
    async of(caller: Caller): Promise<AdminReach> {
      const admin = await models.User.findById(caller.userId, { streetId: 1, disabled: 1 }).lean();
      if (!admin || admin.disabled) throw forbidden('账号不存在或已停用');
      return reachOf(admin);
    },

    /** The account, when the administrator manages it; 404 when it does not exist, 403 when it is not theirs. */
    async managed(reach: AdminReach, userId: string): Promise<UserDocument> {
      const user = await models.User.findById(userId).lean();
      if (!user) throw notFound('用户不存在');
      if (!manages(reach, user)) throw forbidden('只能管理本街道的工作人员');
      return user;
    },
  };
}

export type AdminReaches = ReturnType<typeof adminReaches>;
