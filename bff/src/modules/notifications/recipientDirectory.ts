import { staffRoles } from '@jiefang/contracts';
import { identityKey, type UserModels } from '../users/userModel';
import type { NotificationRecipient } from './channels/deliveryChannel';

const wechatPrefix = identityKey.wechat('');

/**
 * A notification's recipient with their contacts: roles, WeChat openid (from a `wechat:<openid>`
 * identity), WeCom UserID and phone. Unknown ids and disabled accounts get no contacts: the inbox only.
 */
export function recipientDirectory(models: UserModels) {
  return async (userId: string): Promise<NotificationRecipient> => {
    const [user, wechat] = await Promise.all([
      models.User.findById(userId, { name: 1, roles: 1, phone: 1, wecomUserId: 1, disabled: 1 }).lean(),
      models.Identity.findOne({ userId, _id: { $regex: `^${wechatPrefix}` } }, { _id: 1 }).lean(),
    ]);
    const reachable = user !== null && !user.disabled;
    return {
      id: userId,
      name: user?.name ?? null,
      staff: user?.roles.some((role) => staffRoles.includes(role)) ?? false,
      openId: reachable && wechat ? wechat._id.slice(wechatPrefix.length) : null,
      wecomUserId: reachable ? (user.wecomUserId ?? null) : null,
      phone: reachable ? (user.phone ?? null) : null,
    };
  };
}

export type RecipientDirectory = ReturnType<typeof recipientDirectory>;
