import { Schema, type Connection, type Model } from 'mongoose';
import { roles, type Role, type User } from '@jiefang/contracts';

export interface UserDocument {
  _id: string;
  name: string;
  roles: Role[];
  username?: string;
  passwordHash?: string;
  streetId?: string;
  squadId?: string;
  /** Grid workers (community workers with a grid): the grid they look after. */
  gridId?: string;
  /** Staff: mainland mobile (11 digits) for must-not-miss notifications by SMS. */
  phone?: string;
  /** Staff: their 企业微信 member UserID, for WeCom application messages. */
  wecomUserId?: string;
  /** The WeChat openid of a user who signed in with WeChat (also their identity's key): for subscribe messages. */
  wechatOpenId?: string;
  disabled: boolean;
  /** Signs in with a one-time password (new, or reset by an admin): its token may only change it. */
  mustChangePassword?: boolean;
  /**
   * Raised whenever the user's tokens are revoked (disabling, new roles or squad, a password change or
   * reset): older tokens are refused.
   */
  tokenVersion?: number;
  /**
   * A resident's account deletion (PIPL, modules/privacy): `deleting` from its first step until every
   * step is done, so a deletion cut short is found and finished; `deleted` leaves a tombstone with no
   * personal data (it keeps the token version that refuses old tokens).
   */
  deletion?: AccountDeletionRecord;
  createdAt: Date;
  updatedAt: Date;
}

export interface AccountDeletionRecord {
  state: 'deleting' | 'deleted';
  startedAt: Date;
  completedAt?: Date;
  /** The reports and escorts to anonymise, listed when the deletion started. */
  ticketIds: string[];
  escortIds: string[];
}

const userSchema = new Schema<UserDocument>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    roles: { type: [String], enum: roles, required: true },
    username: String,
    passwordHash: String,
    streetId: String,
    squadId: String,
    gridId: String,
    phone: String,
    wecomUserId: String,
    wechatOpenId: String,
    disabled: { type: Boolean, default: false },
    mustChangePassword: Boolean,
    tokenVersion: Number,
    deletion: {
      type: new Schema(
        {
          state: { type: String, enum: ['deleting', 'deleted'] },
          startedAt: Date,
          completedAt: Date,
          ticketIds: [String],
          escortIds: [String],
        },
        { _id: false },
      ),
      default: undefined,
    },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, timestamps: false },
);
userSchema.index({ streetId: 1, roles: 1 });
// The revoked users, read to refill Redis (see tokenRevocations).
userSchema.index({ tokenVersion: 1 });
// Deletions cut short, found and finished by the sweep (modules/privacy/accountDeletion).
userSchema.index({ 'deletion.state': 1 });

/**
 * Sign-in identities (username, WeChat openid, dev-login key) keyed by their _id, so uniqueness
 * comes from the primary key: FerretDB cannot build sparse or partial unique indexes.
 */
export interface IdentityDocument {
  _id: string;
  userId: string;
  createdAt: Date;
}

const identitySchema = new Schema<IdentityDocument>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true, index: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export const identityKey = {
  username: (username: string) => `username:${username.toLowerCase()}`,
  wechat: (openId: string) => `wechat:${openId}`,
  devLogin: (role: Role, name: string, streetId: string | undefined) =>
    `dev:${role}:${streetId ?? '-'}:${name}`,
};

export interface UserModels {
  User: Model<UserDocument>;
  Identity: Model<IdentityDocument>;
}

export function userModels(connection: Connection): UserModels {
  return {
    User: connection.models.User ?? connection.model<UserDocument>('User', userSchema, 'users'),
    Identity:
      connection.models.Identity ??
      connection.model<IdentityDocument>('Identity', identitySchema, 'identities'),
  };
}

export function toUserView(user: UserDocument, streetName?: string): User {
  return {
    id: user._id,
    name: user.name,
    roles: user.roles,
    ...(user.username ? { username: user.username } : {}),
    ...(user.streetId ? { streetId: user.streetId } : {}),
    ...(streetName ? { streetName } : {}),
    ...(user.squadId ? { squadId: user.squadId } : {}),
    ...(user.gridId ? { gridId: user.gridId } : {}),
    ...(user.disabled ? { disabled: true } : {}),
    ...(user.phone ? { phone: user.phone } : {}),
    ...(user.wecomUserId ? { wecomUserId: user.wecomUserId } : {}),
    ...(user.mustChangePassword ? { mustChangePassword: true } : {}),
  };
}
