import { Types } from 'mongoose';
import type {
  AuthResponse,
  ChangePasswordRequest,
  DevLoginRequest,
  PasswordLoginRequest,
  Role,
  User,
} from '@jiefang/contracts';
import type { Clock } from '../../infra/clock';
import { HttpError, badRequest, notFound, unauthenticated, unprocessable } from '../../http/httpError';
import { findStreet, type District } from '../district/district';
import { identityKey, toUserView, type UserDocument, type UserModels } from '../users/userModel';
import type { AccessTokens } from './accessTokens';
import type { LoginThrottle } from './loginThrottle';
import { decoyPasswordHash, hashPassword, verifyPassword } from '../users/passwords';
import type { StaffChanges } from '../users/staffChanges';
import type { WechatSessions } from './wechatSessions';

export interface AuthServiceDeps {
  models: UserModels;
  tokens: AccessTokens;
  clock: Clock;
  district: District;
  loginThrottle: LoginThrottle;
  wechat: WechatSessions | null;
  staffChanges: StaffChanges;
  /** Ends every session of a user whose password changed. */
  revocations: { revoke(userId: string): Promise<void> };
}

const rolesNeedingStreet: readonly Role[] = ['officer', 'squad_leader'];

export function authService(deps: AuthServiceDeps) {
  const { models, tokens, clock, district } = deps;

  const respond = (user: UserDocument, options: { viaDevLogin?: boolean } = {}): AuthResponse => {
    const { token, expiresAt } = tokens.issue({
      userId: user._id,
      roles: user.roles,
      ...(user.squadId ? { squadId: user.squadId } : {}),
      ...(user.streetId ? { streetId: user.streetId } : {}),
      name: user.name,
      ...(user.tokenVersion ? { tokenVersion: user.tokenVersion } : {}),
      ...(options.viaDevLogin ? { viaDevLogin: true } : {}),
      ...(user.mustChangePassword ? { passwordChangeOnly: true } : {}),
    });
    return { token, expiresAt: expiresAt.toISOString(), user: viewOf(user) };
  };

  const viewOf = (user: UserDocument): User =>
    toUserView(user, user.streetId ? findStreet(district, user.streetId)?.properties.name : undefined);

  /** Returns the user behind an identity, creating both when new; safe against concurrent first logins. */
  const findOrCreateByIdentity = async (
    key: string,
    create: () => Omit<UserDocument, '_id' | 'createdAt' | 'updatedAt' | 'disabled' | 'tokenVersion'>,
  ): Promise<UserDocument> => {
    const existing = await models.Identity.findById(key).lean();
    if (existing) {
      const user = await models.User.findById(existing.userId).lean();
      if (user) return user;
    }
    const now = clock.now();
    const user: UserDocument = {
      _id: new Types.ObjectId().toHexString(),
      ...create(),
      disabled: false,
      createdAt: now,
      updatedAt: now,
    };
    await models.User.create(user);
    try {
      await models.Identity.create({ _id: key, userId: user._id, createdAt: now });
      if (user.roles.some((role) => role !== 'resident')) await deps.staffChanges.changed();
      return user;
    } catch (error) {
      await models.User.deleteOne({ _id: user._id });
      if ((error as { code?: number }).code !== 11000) throw error;
      const winner = await models.Identity.findById(key).lean();
      const winnerUser = winner && (await models.User.findById(winner.userId).lean());
      if (!winnerUser) throw error;
      return winnerUser;
    }
  };

  const assertActive = (user: UserDocument) => {
    if (user.disabled) throw new HttpError(403, 'forbidden', '该账号已停用');
  };

  return {
    async devLogin(request: DevLoginRequest): Promise<AuthResponse> {
      const street = request.street ? findStreet(district, request.street) : undefined;
      if (request.street && !street) {
        throw badRequest([{ path: 'street', message: `没有这个街道：${request.street}` }]);
      }
      if (!street && rolesNeedingStreet.includes(request.role)) {
        throw badRequest([{ path: 'street', message: '执法队员和中队长需要选择所属街道' }]);
      }
      const key = identityKey.devLogin(request.role, request.name, street?.properties.id);
      const user = await findOrCreateByIdentity(key, () => ({
        name: request.name,
        roles: [request.role],
        ...(street
          ? {
              streetId: street.properties.id,
              ...(rolesNeedingStreet.includes(request.role) ? { squadId: street.properties.squadId } : {}),
            }
          : {}),
      }));
      assertActive(user);
      return respond(user, { viaDevLogin: true });
    },

    async passwordLogin(request: PasswordLoginRequest, clientIp: string): Promise<AuthResponse> {
      await deps.loginThrottle.beforeAttempt(clientIp, request.username);
      const identity = await models.Identity.findById(identityKey.username(request.username)).lean();
      const user = identity ? await models.User.findById(identity.userId).lean() : null;
      const passwordMatches = await verifyPassword(request.password, user?.passwordHash ?? decoyPasswordHash);
      if (!user?.passwordHash || !passwordMatches) throw unauthenticated('用户名或密码错误');
      assertActive(user);
      await deps.loginThrottle.succeeded(clientIp, request.username);
      return respond(user);
    },

    async wechatLogin(code: string): Promise<AuthResponse> {
      if (!deps.wechat) {
        throw new HttpError(
          503,
          'dependency_unavailable',
          '微信登录未配置（需要 WECHAT_APPID 和 WECHAT_SECRET）',
          {
            dependency: 'wechat',
          },
          { 'Retry-After': '60' },
        );
      }
      const session = await deps.wechat.exchange(code);
      const user = await findOrCreateByIdentity(identityKey.wechat(session.openId), () => ({
        name: '微信用户',
        roles: ['resident'],
        wechatOpenId: session.openId,
      }));
      assertActive(user);
      // Kept on the user too, so a notification finds it by the user's id (accounts from before, once).
      if (user.wechatOpenId !== session.openId)
        await models.User.updateOne({ _id: user._id }, { $set: { wechatOpenId: session.openId } });
      return respond(user);
    },

    /**
     * A staff member changes their own password (required after a one-time password). Guessing the
     * current one counts against the sign-in limits; every other session of theirs ends, and the answer
     * is a new, unrestricted sign-in.
     */
    async changePassword(
      userId: string,
      request: ChangePasswordRequest,
      clientIp: string,
    ): Promise<AuthResponse> {
      const user = await models.User.findById(userId).lean();
      if (!user || user.disabled) throw notFound('用户不存在或已停用');
      if (!user.username || !user.passwordHash) throw unprocessable('该账号通过微信登录，没有密码');
      await deps.loginThrottle.beforeAttempt(clientIp, user.username);
      if (!(await verifyPassword(request.currentPassword, user.passwordHash))) {
        throw badRequest([{ path: 'currentPassword', message: '当前密码不正确' }], '当前密码不正确');
      }
      await deps.loginThrottle.succeeded(clientIp, user.username);
      await models.User.updateOne(
        { _id: user._id },
        {
          $set: { passwordHash: await hashPassword(request.newPassword), updatedAt: clock.now() },
          $unset: { mustChangePassword: 1 },
        },
      );
      await deps.revocations.revoke(user._id);
      const changed = await models.User.findById(user._id).lean();
      if (!changed) throw notFound('用户不存在或已停用');
      return respond(changed);
    },

    /** A new session for a signed-in user whose roles changed (e.g. an invited owner), so the token says so. */
    async reissue(userId: string): Promise<AuthResponse> {
      const user = await models.User.findById(userId).lean();
      if (!user) throw notFound('用户不存在或已停用');
      assertActive(user);
      return respond(user);
    },

    async me(userId: string): Promise<User> {
      const user = await models.User.findById(userId).lean();
      if (!user || user.disabled) throw notFound('用户不存在或已停用');
      return viewOf(user);
    },
  };
}

export type AuthService = ReturnType<typeof authService>;
