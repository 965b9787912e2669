import { Types } from 'mongoose';
import {
  staffRoles,
  type CreateStaffAccountRequest,
  type User,
  type UserList,
  type UserListQuery,
} from '@jiefang/contracts';
import type { Clock } from '../../infra/clock';
import { conflict, forbidden, notFound, unprocessable } from '../../http/httpError';
import { listedStreet, placementRefusal, type AdminReach } from '../../domain/staffScope';
import { findStreet, type District } from '../district/district';
import { placeAccount } from './placement';
import { hashPassword } from './passwords';
import type { StaffChanges } from './staffChanges';
import { identityKey, toUserView, type UserDocument, type UserModels } from './userModel';

/** A search text matched literally, whatever characters it holds. */
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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
    /**
     * Creates a password account. An administrator's account (the default) signs in first with a password
     * it must change; the seed's and tests' accounts need not. A street administrator's reach keeps the
     * account in their street (which it defaults to).
     */
    async create(
      request: CreateStaffAccountRequest,
      options: { mustChangePassword?: boolean; reach?: AdminReach } = {},
    ): Promise<User> {
      const reach = options.reach ?? {};
      if (!request.roles.some((role) => staffRoles.includes(role))) {
        // Residents, volunteers and owners sign in through WeChat; a password account for them is a mistake.
        throw unprocessable('账号密码登录仅用于工作人员，请至少包含一个工作人员角色', { staffRoles });
      }
      const placement = placeAccount(district, {
        roles: request.roles,
        street: request.street ?? (request.grid ? undefined : reach.streetId),
        grid: request.grid,
      });
      const refusal = placementRefusal(reach, placement);
      if (refusal) throw forbidden(refusal);
      const key = identityKey.username(request.username);
      if (await models.Identity.exists({ _id: key })) throw conflict('用户名已被使用', { field: 'username' });

      const now = clock.now();
      const user: UserDocument = {
        _id: new Types.ObjectId().toHexString(),
        name: request.name,
        ...placement,
        username: request.username,
        passwordHash: await hashPassword(request.password),
        ...(options.mustChangePassword === false ? {} : { mustChangePassword: true }),
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

    /** Accounts by search and filters, oldest first; a street administrator's only from their street. */
    async list(query: UserListQuery, reach: AdminReach = {}): Promise<UserList> {
      const requested = query.street
        ? (findStreet(district, query.street)?.properties.id ?? query.street)
        : undefined;
      const street = listedStreet(reach, requested);
      if (street === null) throw forbidden('只能查看本街道的工作人员');
      const filter: Record<string, unknown> = {};
      if (query.role) filter.roles = query.role;
      if (street !== undefined) filter.streetId = street;
      if (query.squad) filter.squadId = query.squad;
      if (query.disabled !== undefined) filter.disabled = query.disabled;
      if (query.q) {
        const part = new RegExp(escapeRegExp(query.q), 'i');
        filter.$or = [{ name: part }, { username: part }, { phone: part }];
      }
      const [items, total] = await Promise.all([
        models.User.find(filter).sort({ createdAt: 1, _id: 1 }).skip(query.offset).limit(query.limit).lean(),
        models.User.countDocuments(filter),
      ]);
      return { items: items.map((user) => toUserView(user, streetName(user.streetId))), total };
    },
  };
}

export type StaffAccounts = ReturnType<typeof staffAccounts>;
