import { staffRoles } from '@jiefang/contracts';
import type { UserModels } from '../users/userModel';
import type { NotificationRecipient } from './channels/deliveryChannel';

/**
 * A notification's recipient with their contacts: roles, WeChat openid (set at their WeChat sign-in),
 * WeCom UserID and phone; one read by `_id`. Unknown ids and disabled accounts get no contacts: the
 * inbox only.
 */
export function recipientDirectory(models: Pick<UserModels, 'User'>) {
  return async (userId: string): Promise<NotificationRecipient> => {
    const user = await models.User.findById(userId, {
      name: 1,
      roles: 1,
      phone: 1,
      wecomUserId: 1,
      wechatOpenId: 1,
      disabled: 1,
    }).lean();
    const reachable = user !== null && !user.disabled;
    return {
      id: userId,
      name: user?.name ?? null,
      staff: user?.roles.some((role) => staffRoles.includes(role)) ?? false,
      openId: reachable ? (user.wechatOpenId ?? null) : null,
      wecomUserId: reachable ? (user.wecomUserId ?? null) : null,
      phone: reachable ? (user.phone ?? null) : null,
    };
  };
}

export type RecipientDirectory = ReturnType<typeof recipientDirectory>;
