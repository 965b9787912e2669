import { randomInt } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { Types } from 'mongoose';
import type { StaffImportResult, StaffImportRow, StaffImportRowStatus } from '@jiefang/contracts';
import {
  checkStaffRows,
  matchExisting,
  readStaffSheet,
  type ImportPlaces,
  type ImportScope,
} from '../../domain/staffImportRows';
import type { Caller } from '../../http/appState';
import { HttpError } from '../../http/httpError';
import type { Clock } from '../../infra/clock';
import type { District } from '../district/district';
import { readSheetLines } from '../../http/importSheetFile';
import { oneTimePasswordsWorkbook } from './staffImportWorkbooks';
import type { StaffChanges } from './staffChanges';
import { identityKey, type UserDocument, type UserModels } from './userModel';

/** No 0/O, 1/l/I: read off a sheet and typed on a phone. */
const passwordAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
const passwordLength = 12;

/**
 * bcrypt's cost guards passwords people choose. A one-time password is 12 random characters (about 69
 * bits), which no speed of hashing makes guessable, and is replaced at first sign-in; cost 10 for each of
 * 60 rows took seconds of the BFF's one thread, so these are hashed at a lower cost (bcrypt.compare reads
 * the cost from the hash).
 */
const oneTimePasswordCost = 6;

export function oneTimePassword(): string {
  let password = '';
  for (let index = 0; index < passwordLength; index += 1) {
    password += passwordAlphabet[randomInt(passwordAlphabet.length)];
  }
  return password;
}

const emptyTotals = () => ({ rows: 0, ready: 0, created: 0, alreadyImported: 0, invalid: 0 });

const totalKey: Record<StaffImportRowStatus, 'ready' | 'created' | 'alreadyImported' | 'invalid'> = {
  ready: 'ready',
  created: 'created',
  already_imported: 'alreadyImported',
  invalid: 'invalid',
};

function resultOf(rows: StaffImportRow[], committed: boolean): StaffImportResult {
  const totals = emptyTotals();
  totals.rows = rows.length;
  for (const row of rows) totals[totalKey[row.status]] += 1;
  return { committed, rows, totals };
}

const usernameTaken = { path: '用户名', message: '用户名已被使用' };

/**
 * Staff bulk import from an .xlsx or .csv: a preview that writes nothing, and an import that checks the
 * file again (the preview is never trusted), creates the valid rows with a one-time password each and
 * skips the others with their errors. Importing the same file again creates nothing twice.
 */
export function staffImport(deps: {
  models: UserModels;
  district: District;
  clock: Clock;
  changes?: StaffChanges;
}) {
  const { models, clock } = deps;
  const streets = deps.district.features.map(({ properties }) => ({
    id: properties.id,
    name: properties.name,
  }));
  /** Read per import: a street may have published new grids since the start. */
  const placesNow = (): ImportPlaces => ({
    streets,
    grids: deps.district.grids.map(({ properties }) => ({
      id: properties.id,
      name: properties.name,
      streetId: properties.streetId,
    })),
  });
  const squadOf = new Map(
    deps.district.features.map(({ properties }) => [properties.id, properties.squadId]),
  );

  /** A street's administrator (an admin account with a street) imports into that street only. */
  async function scopeOf(caller: Caller): Promise<ImportScope> {
    const account = await models.User.findById(caller.userId, { streetId: 1 }).lean();
    return account?.streetId ? { streetId: account.streetId } : {};
  }

  /** Every row with what would happen to it now: two queries for the existing usernames, whatever the size. */
  async function check(caller: Caller, file: Buffer): Promise<StaffImportRow[]> {
    const sheet = readStaffSheet(await readSheetLines(file, '工作人员'));
    if (!sheet.ok) {
      throw new HttpError(422, 'unprocessable', '这个文件无法导入：' + sheet.errors[0]!.message, {
        fields: sheet.errors,
      });
    }
    const checked = checkStaffRows(sheet.rows, placesNow(), await scopeOf(caller));
    const keys = checked.flatMap((row) => (row.account ? [identityKey.username(row.account.username)] : []));
    const identities = keys.length
      ? await models.Identity.find({ _id: { $in: keys } }, { userId: 1 }).lean()
      : [];
    const owners = identities.length
      ? await models.User.find(
          { _id: { $in: identities.map((identity) => identity.userId) } },
          { name: 1, roles: 1, streetId: 1 },
        ).lean()
      : [];
    const ownerOf = new Map(
      identities.map((identity) => [
        identity._id,
        owners.find((owner) => owner._id === identity.userId) ?? { name: '', roles: [] },
      ]),
    );
    return checked.map(({ row, cells, account, errors }): StaffImportRow => {
      if (!account) return { row, cells, errors, status: 'invalid' };
      const match = matchExisting(account, ownerOf.get(identityKey.username(account.username)));
      if (match === 'taken') return { row, cells, account, errors: [usernameTaken], status: 'invalid' };
      return { row, cells, account, errors: [], status: match === 'new' ? 'ready' : 'already_imported' };
    });
  }

  return {
    async preview(caller: Caller, file: Buffer): Promise<StaffImportResult> {
      return resultOf(await check(caller, file), false);
    },

    async commit(caller: Caller, file: Buffer): Promise<StaffImportResult> {
      const rows = await check(caller, file);
      const ready = rows.filter((row) => row.status === 'ready' && row.account);
      const passwords = ready.map(() => oneTimePassword());
      const hashes = await Promise.all(
        passwords.map((password) => bcrypt.hash(password, oneTimePasswordCost)),
      );
      const now = clock.now();
      const users: UserDocument[] = ready.map(({ account }, index) => {
        const { username, name, roles, streetId, gridId, phone, wecomUserId } = account!;
        const inSquad = roles.some((role) => role === 'officer' || role === 'squad_leader');
        const squadId = streetId && inSquad ? squadOf.get(streetId) : undefined;
        return {
          _id: new Types.ObjectId().toHexString(),
          name,
          roles,
          username,
          passwordHash: hashes[index]!,
          ...(streetId ? { streetId } : {}),
          ...(squadId ? { squadId } : {}),
          ...(gridId ? { gridId } : {}),
          ...(phone ? { phone } : {}),
          ...(wecomUserId ? { wecomUserId } : {}),
          disabled: false,
          // A one-time password: the first sign-in asks for a password of their own.
          mustChangePassword: true,
          createdAt: now,
          updatedAt: now,
        };
      });
      const lost = new Set<number>();
      if (users.length > 0) {
        await models.User.insertMany(users, { ordered: true });
        const identities = users.map((user) => ({
          _id: identityKey.username(user.username!),
          userId: user._id,
          createdAt: now,
        }));
        try {
          await models.Identity.insertMany(identities, { ordered: false });
        } catch (error) {
          // A username taken meanwhile (another import, a single create): that row loses, the rest stand.
          if ((error as { code?: number }).code !== 11000 && !('writeErrors' in (error as object))) {
            await models.User.deleteMany({ _id: { $in: users.map((user) => user._id) } });
            throw error;
          }
        }
        const claimed = await models.Identity.find(
          { _id: { $in: identities.map((identity) => identity._id) } },
          { userId: 1 },
        ).lean();
        const ownerOf = new Map(claimed.map((identity) => [identity._id, identity.userId]));
        identities.forEach((identity, index) => {
          if (ownerOf.get(identity._id) !== identity.userId) lost.add(index);
        });
        if (lost.size > 0) {
          await models.User.deleteMany({ _id: { $in: [...lost].map((index) => users[index]!._id) } });
        }
        await deps.changes?.changed();
      }
      const outcome = new Map(ready.map((row, index) => [row, index]));
      const finished = rows.map((row): StaffImportRow => {
        const index = outcome.get(row);
        if (index === undefined) return row;
        if (lost.has(index)) return { ...row, status: 'invalid', errors: [usernameTaken] };
        return { ...row, status: 'created', oneTimePassword: passwords[index]! };
      });
      const result = resultOf(finished, true);
      const created = finished.filter((row) => row.status === 'created');
      if (created.length > 0) {
        result.passwordsWorkbook = (await oneTimePasswordsWorkbook(created, now)).toString('base64');
      }
      return result;
    },
  };
}

export type StaffImport = ReturnType<typeof staffImport>;
