import { randomBytes } from 'node:crypto';
import type { Model } from 'mongoose';
import { staffRoles, type AccountDeletion } from '@jiefang/contracts';
import {
  deletionBlockers,
  eraseEscortParty,
  eraseReporter,
  erasedName,
  erasedPseudonymPrefix,
} from '../../domain/accountErasure';
import { conflict, forbidden, notFound } from '../../http/httpError';
import type { Clock } from '../../infra/clock';
import type { DocumentLocks } from '../../infra/documentLocks';
import type { Logger } from '../../infra/logger';
import type { PendingNotification, VersionedChanges } from '../../infra/versionedChanges';
import type { TokenRevocations } from '../auth/tokenRevocations';
import type { EscortDocument } from '../escorts/escortModels';
import type { TicketDocument } from '../tickets/ticketModel';
import { submissionOf } from '../tickets/ticketSubmissions';
import type { UserDocument } from '../users/userModel';
import type { ErasedPhotoRetention } from './erasedPhotoRetention';
import type { PersonalRedisKeys } from './personalRedisKeys';
import { escortsOf, ownKeyPattern, type PersonalRecords } from './personalRecords';

/** The steps of a deletion after it is marked, in order; each can run again without harm. */
export const deletionSteps = [
  'revoke',
  'identities',
  'subscriptions',
  'tickets',
  'escorts',
  'notifications',
  'volunteer',
  'elders',
  'households',
  'idempotency',
  'redis',
  'tombstone',
] as const;
export type DeletionStep = (typeof deletionSteps)[number];

/** A deletion still `deleting` this long after it started was cut short: the sweep finishes it. */
export const interruptedAfterMs = 60_000;

export interface AccountDeletionDeps {
  records: PersonalRecords;
  redisKeys: PersonalRedisKeys;
  revocations: Pick<TokenRevocations, 'revoke'>;
  /** The tickets' change kernel (so every ticket write goes the one way, under its lock). */
  ticketChanges: Pick<VersionedChanges<TicketDocument>, 'apply'>;
  escortChanges: Pick<VersionedChanges<EscortDocument>, 'apply'>;
  photos: { remove(ids: readonly string[]): Promise<void> };
  /** Holds the photos kept on open tickets, for the retention sweep to remove once they are finished. */
  retention: Pick<ErasedPhotoRetention, 'hold'>;
  locks: DocumentLocks;
  clock: Clock;
  logger: Logger;
  /** Tests: called after each step, to stop a deletion half way as a crash would. */
  afterStep?: (step: DeletionStep, userId: string) => Promise<void> | void;
}

/** A pseudonym for one record: random, so it neither derives from the person nor ties records together. */
const pseudonym = () => `${erasedPseudonymPrefix}${randomBytes(8).toString('hex')}`;

const unique = (ids: readonly string[]) => [...new Set(ids)];

/**
 * Deletes a resident's account (PIPL): marks it `deleting` (which refuses its tokens), then runs each step
 * of `deletionSteps`, every one idempotent, and ends with a tombstone. A deletion cut short (a crash, a
 * failed step) is finished by the sweep (`finishInterrupted`, from the periodic chores). What stays and
 * why is in docs/privacy.md.
 */
export function accountDeletion(deps: AccountDeletionDeps) {
  const { records: db, clock } = deps;

  /**
   * The notifications a document still carries for the person: dropped under the document's lock (the
   * kernel's writers take it too), so the relay's sweep cannot bring them back to the outbox.
   */
  const dropCarriedNotifications = async <
    T extends { _id: string; version?: number; pendingNotifications?: PendingNotification[] },
  >(
    documents: Model<T>,
    lockPrefix: string,
    id: string,
    userId: string,
  ) => {
    await deps.locks.withLock(`${lockPrefix}:${id}`, async () => {
      const current = await documents
        .findById(id, { version: 1, pendingNotifications: 1 })
        .lean<Pick<T, '_id' | 'version' | 'pendingNotifications'>>()
        .exec();
      const carried = current?.pendingNotifications ?? [];
      const kept = carried.filter((notification) => notification.recipientId !== userId);
      if (!current || kept.length === carried.length) return;
      await documents
        .updateOne(
          { _id: id, version: current.version === undefined ? { $exists: false } : current.version } as never,
          { $set: { pendingNotifications: kept } } as never,
        )
        .exec();
    });
  };

  const eraseTicket = async (id: string, userId: string) => {
    await dropCarriedNotifications(db.Ticket, 'ticket', id, userId);
    await deps.ticketChanges.apply(id, async (ticket) => {
      if (!ticket.reporters.some((reporter) => reporter.userId === userId)) return null;
      const own = submissionOf(ticket, userId)?.photos ?? [];
      const name = pseudonym();
      const erasure = eraseReporter(ticket, userId, name, own);
      // Before the write: should it fail, the next run finds the same photos and removes them again.
      if (erasure.photoIds.length) await deps.photos.remove(erasure.photoIds);
      // Kept as evidence on an open ticket: held under the pseudonym before the write, so no crash loses
      // them (a hold whose write failed finds nothing of its pseudonym and is simply released).
      else if (own.length) await deps.retention.hold(ticket._id, name);
      return { set: erasure.set };
    });
  };

  const eraseEscort = async (id: string, userId: string) => {
    await dropCarriedNotifications(db.Escort, 'escort', id, userId);
    await deps.escortChanges.apply(id, (escort) => ({ set: eraseEscortParty(escort, userId, pseudonym()) }));
  };

  /** Documents listed by the deletion, and any found now (a report that raced the mark). */
  const ticketIdsOf = async (userId: string, listed: readonly string[]) =>
    unique([
      ...listed,
      ...(await db.Ticket.find({ reporterIds: userId }, { _id: 1 }).lean().exec()).map(({ _id }) => _id),
    ]);
  const escortIdsOf = async (userId: string, listed: readonly string[]) =>
    unique([
      ...listed,
      ...(await db.Escort.find(escortsOf(userId), { _id: 1 }).lean().exec()).map(({ _id }) => _id),
    ]);

  const steps: Record<DeletionStep, (user: UserDocument) => Promise<void>> = {
    // Tokens first: from here the person's app is signed out, whatever happens to the rest.
    revoke: (user) => deps.revocations.revoke(user._id),
    // A new WeChat sign-in then makes a new, empty account.
    identities: async (user) => {
      await db.Identity.deleteMany({ userId: user._id }).exec();
    },
    subscriptions: async (user) => {
      await db.Subscription.deleteMany({ userId: user._id }).exec();
      await db.ReadMark.deleteOne({ _id: user._id }).exec();
    },
    tickets: async (user) => {
      for (const id of await ticketIdsOf(user._id, user.deletion?.ticketIds ?? []))
        await eraseTicket(id, user._id);
    },
    escorts: async (user) => {
      for (const id of await escortIdsOf(user._id, user.deletion?.escortIds ?? []))
        await eraseEscort(id, user._id);
    },
    // After tickets and escorts: they no longer carry notifications the relay could store again.
    notifications: async (user) => {
      await db.Outbox.deleteMany({ recipientId: user._id }).exec();
      await db.Receipt.deleteMany({ recipientId: user._id }).exec();
    },
    volunteer: async (user) => {
      await db.Volunteer.deleteOne({ _id: user._id }).exec();
    },
    // The elder's own record stays for the community workers who serve them; the person leaves it.
    elders: async (user) => {
      const elders = await db.Elder.find({ $or: [{ familyUserIds: user._id }, { createdBy: user._id }] })
        .lean()
        .exec();
      for (const elder of elders)
        await db.Elder.updateOne(
          { _id: elder._id },
          {
            $set: {
              familyUserIds: elder.familyUserIds.filter((id) => id !== user._id),
              ...(elder.createdBy === user._id ? { createdBy: pseudonym() } : {}),
            },
          },
        ).exec();
    },
    // Blockers kept the households the person alone answers for with devices; from the rest they leave.
    households: async (user) => {
      const households = await db.Household.find({ ownerIds: user._id }).lean().exec();
      for (const household of households)
        await db.Household.updateOne(
          { _id: household._id },
          { $set: { ownerIds: household.ownerIds.filter((id) => id !== user._id) } },
        ).exec();
    },
    idempotency: async (user) => {
      await db.IdempotencyKey.deleteMany({ _id: ownKeyPattern(user._id) }).exec();
    },
    redis: (user) => deps.redisKeys.remove(user._id),
    // What stays of the user: an id other records no longer name, the roles, and the token version.
    tombstone: async (user) => {
      await db.User.updateOne(
        { _id: user._id },
        {
          $set: {
            name: erasedName,
            disabled: true,
            updatedAt: clock.now(),
            'deletion.state': 'deleted',
            'deletion.completedAt': clock.now(),
            'deletion.ticketIds': [],
            'deletion.escortIds': [],
          },
          $unset: {
            username: 1,
            passwordHash: 1,
            phone: 1,
            wecomUserId: 1,
            wechatOpenId: 1,
            streetId: 1,
            squadId: 1,
            gridId: 1,
          },
        },
      ).exec();
    },
  };

  const finish = async (userId: string): Promise<AccountDeletion> => {
    const user = await db.User.findById(userId).lean<UserDocument>().exec();
    if (!user?.deletion) throw notFound('用户不存在');
    if (user.deletion.state === 'deleting') {
      for (const step of deletionSteps) {
        await steps[step](user);
        await deps.afterStep?.(step, userId);
      }
    }
    const done = await db.User.findById(userId, { deletion: 1 }).lean<UserDocument>().exec();
    return { status: 'deleted', completedAt: (done?.deletion?.completedAt ?? clock.now()).toISOString() };
  };

  /** Refuses (409) while something must be settled first; lists each with what to do. */
  const assertNothingBlocks = async (userId: string) => {
    const [escorts, households] = await Promise.all([
      db.Escort.find(
        {
          $or: [{ createdBy: userId }, { volunteerId: userId }],
          status: { $in: ['open', 'accepted', 'in_progress'] },
        },
        { status: 1, createdBy: 1, volunteerId: 1 },
      )
        .lean()
        .exec(),
      db.Household.find({ ownerIds: userId }, { address: 1, ownerIds: 1 }).lean().exec(),
    ]);
    const devices = households.length
      ? await db.Device.find({ householdId: { $in: households.map(({ _id }) => _id) } }, { householdId: 1 })
          .lean()
          .exec()
      : [];
    const blockers = deletionBlockers(userId, {
      escorts: escorts.map((escort) => ({
        id: escort._id,
        status: escort.status,
        createdBy: escort.createdBy,
        volunteerId: escort.volunteerId,
      })),
      households: households.map((household) => ({
        id: household._id,
        address: household.address,
        ownerCount: household.ownerIds.length,
        deviceCount: devices.filter((device) => device.householdId === household._id).length,
      })),
    });
    if (blockers.length)
      throw conflict(`注销前请先处理：${blockers.map((blocker) => blocker.message).join('；')}`, {
        blockers,
      });
  };

  return {
    /**
     * Deletes the account: refused for staff (403; admins disable theirs) and while something must be
     * settled first (409). Asked again for an account being deleted, it finishes the deletion.
     */
    async deleteAccount(userId: string): Promise<AccountDeletion> {
      const user = await db.User.findById(userId).lean<UserDocument>().exec();
      if (!user) throw notFound('用户不存在');
      if (!user.deletion) {
        if (user.roles.some((role) => staffRoles.includes(role)))
          throw forbidden('工作人员账号不能自行注销，请联系管理员停用', { staff: true });
        await assertNothingBlocks(userId);
        const [tickets, escorts] = await Promise.all([
          db.Ticket.find({ reporterIds: userId }, { _id: 1 }).lean().exec(),
          db.Escort.find(escortsOf(userId), { _id: 1 }).lean().exec(),
        ]);
        // The mark: from here the account is disabled (MongoDB refuses its tokens) and will be finished.
        await db.User.updateOne(
          { _id: userId, deletion: { $exists: false } },
          {
            $set: {
              disabled: true,
              updatedAt: clock.now(),
              deletion: {
                state: 'deleting',
                startedAt: clock.now(),
                ticketIds: tickets.map(({ _id }) => _id),
                escortIds: escorts.map(({ _id }) => _id),
              },
            },
          },
        ).exec();
      }
      try {
        return await finish(userId);
      } catch (error) {
        // Marked and signed out already: the sweep finishes what this request could not.
        deps.logger.warn({ err: error, userId }, 'account deletion cut short; the sweep finishes it');
        return { status: 'deleting', completedAt: null };
      }
    },

    /** Finishes deletions cut short (started over a minute ago and still `deleting`); returns how many. */
    async finishInterrupted(): Promise<number> {
      const before = new Date(clock.now().getTime() - interruptedAfterMs);
      const interrupted = await db.User.find(
        { 'deletion.state': 'deleting', 'deletion.startedAt': { $lt: before } },
        { _id: 1 },
      )
        .limit(20)
        .lean()
        .exec();
      let finished = 0;
      for (const { _id } of interrupted) {
        try {
          await finish(_id);
          finished += 1;
        } catch (error) {
          deps.logger.warn({ err: error, userId: _id }, 'interrupted account deletion not finished yet');
        }
      }
      return finished;
    },
  };
}

export type AccountDeletionService = ReturnType<typeof accountDeletion>;
