import { Types } from 'mongoose';
import {
  staffRoles,
  type CreateStaffAccountRequest,
  type User,
  type UserList,
  type UserListQuery,
} from '@jiefang/contracts';
import type { Clock } from '../../infra/clock';
import { badRequest, conflict, notFound, unprocessable } from '../../http/httpError';
import { findGrid, findStreet, type District } from '../district/district';
import { hashPassword } from './passwords';
import type { StaffChanges } from './staffChanges';
import { identityKey, toUserView, type UserDocument, type UserModels } from './userModel';

/** Admin-managed accounts that sign in with a username and password. */
export function staffAccounts(
  models: UserModels,
  district: District,
  clock: Clock,
  /** Absent in the seed CLI (no Redis there): running BFFs then notice within staffLookupFreshForMs. */
  changes?: StaffChanges,
) {
  const streetName = (streetId?: string) =>
    streetId ? findStreet(district, streetId)?.properties.name : undefined;

  return {
    async create(request: CreateStaffAccountRequest): Promise<User> {
      if (!request.roles.some((role) => staffRoles.includes(role))) {
        // Residents, volunteers and owners sign in through WeChat; a password account for them is a mistake.
        throw unprocessable('账号密码登录仅用于工作人员，请至少包含一个工作人员角色', { staffRoles });
      }
      const named = request.street ? findStreet(district, request.street) : undefined;
      if (request.street && !named) {
        throw badRequest([{ path: 'street', message: `没有这个街道：${request.street}` }]);
      }
      const grid = request.grid ? findGrid(district, request.grid) : undefined;
      if (request.grid && !grid) {
        throw badRequest([{ path: 'grid', message: `没有这个网格：${request.grid}` }]);
      }
      if (grid && !request.roles.includes('community_worker')) {
        throw badRequest([{ path: 'grid', message: '网格只能分配给社区工作者（网格员）' }]);
      }
      if (grid && named && grid.properties.streetId !== named.properties.id) {
        throw badRequest([{ path: 'grid', message: `${grid.properties.name}不在${named.properties.name}` }]);
      }
      // A grid implies its street.
      const street = named ?? (grid ? findStreet(district, grid.properties.streetId) : undefined);
      const inSquad = request.roles.some((role) => role === 'officer' || role === 'squad_leader');
      if (inSquad && !street) {
        throw badRequest([{ path: 'street', message: '执法队员和中队长需要选择所属街道' }]);
      }
      const key = identityKey.username(request.username);
      if (await models.Identity.exists({ _id: key })) throw conflict('用户名已被使用', { field: 'username' });

      const now = clock.now();
      const user: UserDocument = {
        _id: new Types.ObjectId().toHexString(),
        name: request.name,
        roles: [...new Set(request.roles)],
        username: request.username,
        passwordHash: await hashPassword(request.password),
        ...(street ? { streetId: street.properties.id } : {}),
        ...(street && inSquad ? { squadId: street.properties.squadId } : {}),
        ...(grid ? { gridId: grid.properties.id } : {}),
        ...(request.phone ? { phone: request.phone } : {}),
        ...(request.wecomUserId ? { wecomUserId: request.wecomUserId } : {}),
        disabled: false,
        createdAt: now,
        updatedAt: now,
      };
      await models.User.create(user);
      try {
        await models.Identity.create({ _id: key, userId: user._id, createdAt: now });
      } catch (error) {
        await models.User.deleteOne({ _id: user._id });
        if ((error as { code?: number }).code === 11000)
          throw conflict('用户名已被使用', { field: 'username' });
        throw error;
      }
      await changes?.changed();
      return toUserView(user, streetName(user.streetId));
    },

    /** Sets or clears (null) a staff member's notification contacts; undefined leaves one as it is. */
    async setContacts(
      id: string,
      contacts: { phone?: string | null; wecomUserId?: string | null },
    ): Promise<User> {
      const set: Partial<UserDocument> = { updatedAt: clock.now() };
      const unset: Record<string, 1> = {};
      for (const key of ['phone', 'wecomUserId'] as const) {
        const value = contacts[key];
        if (value === null) unset[key] = 1;
        else if (value !== undefined) set[key] = value;
      }
      const user = await models.User.findOneAndUpdate(
        { _id: id },
        { $set: set, ...(Object.keys(unset).length ? { $unset: unset } : {}) },
        { returnDocument: 'after' },
      ).lean();
      if (!user) throw notFound('用户不存在');
      return toUserView(user, streetName(user.streetId));
    },

    async get(id: string): Promise<User> {
      const user = await models.User.findById(id).lean();
      if (!user) throw notFound('用户不存在');
      return toUserView(user, streetName(user.streetId));
    },

    async list(query: UserListQuery): Promise<UserList> {
      const filter: Record<string, unknown> = {};
      if (query.role) filter.roles = query.role;
      if (query.street) filter.streetId = findStreet(district, query.street)?.properties.id ?? query.street;
      const [items, total] = await Promise.all([
        models.User.find(filter).sort({ createdAt: 1, _id: 1 }).skip(query.offset).limit(query.limit).lean(),
        models.User.countDocuments(filter),
      ]);
      return { items: items.map((user) => toUserView(user, streetName(user.streetId))), total };
    },
  };
}

export type StaffAccounts = ReturnType<typeof staffAccounts>;
