import type { NotificationTemplate } from '@jiefang/contracts';
import { isDeepStrictEqual } from 'node:util';
import type { Model } from 'mongoose';
import type { Clock } from './clock';
import type { DocumentLocks } from './documentLocks';
import type { Logger } from './logger';

/** A notification a change causes, stored in the changed document until the outbox has it. */
export interface PendingNotification {
  /** Deterministic, so relaying it to the outbox twice stores it once. */
  id: string;
  recipientId: string;
  /** One of the catalogue's (contracts/src/notifications.ts): an unknown name does not compile. */
  template: NotificationTemplate;
  data: Record<string, string | number | boolean | null>;
}

/** What the kernel needs of a document: its id, its version, and the notifications it carries. */
export interface VersionedDocument {
  _id: string;
  /** Raised by every change; absent on documents stored before versions (read as 0). */
  version?: number;
  /** Every notification its changes caused; the relay stores each in the outbox once. */
  pendingNotifications?: PendingNotification[];
  updatedAt: Date;
}

/** What one change does: fields to set and notifications to send. */
export interface DocumentChange<T> {
  set?: Partial<T>;
  notify?: readonly PendingNotification[];
}

/**
 * Where the notifications go. `markPending` is called before a write that carries notifications (a
 * crash right after the write still leaves the sweep a trace), `relay` after it.
 */
export interface NotificationRelay {
  markPending(source: string, id: string): Promise<void>;
  relay(source: string, id: string, notifications: readonly PendingNotification[]): Promise<void>;
}

/** The version kept moving under a change (writers that do not take the lock): the caller may retry. */
export class ChangeConflictError extends Error {
  override name = 'ChangeConflictError';
  constructor(readonly key: string) {
    super(`document ${key} kept changing while a change was applied`);
  }
}

/** Fields the kernel owns: a change never sets them itself. */
const kernelFields = new Set(['_id', 'version', 'pendingNotifications', 'updatedAt']);
const maxAttempts = 5;

/**
 * One way to change a document and send what the change causes, for every lifecycle. A change is
 * decided on the document as read and written by one conditional update on its version that also
 * appends its notifications to the document: FerretDB v1 has no transactions, only single-document
 * atomicity, so the notifications ride in the document and cannot be separated from the change. The
 * relay stores them in the outbox afterwards; should the process die first, the relay's sweep finds
 * them through the mark set before the write. Writers hold the document's lock (FerretDB checks a
 * filter and writes in separate steps); the version check still refuses a write decided on a stale
 * read, and the change is then decided again on the fresh document.
 */
export function versionedChanges<T extends VersionedDocument>(deps: {
  /** The notifications' source as the relay knows it, e.g. the collection's name. */
  source: string;
  /** Prefix of the document locks (`${lockPrefix}:${id}`), shared with the other writers of the kind. */
  lockPrefix: string;
  documents: Model<T>;
  locks: DocumentLocks;
  clock: Clock;
  relay: NotificationRelay;
  logger: Logger;
  /**
   * After every write (a change's still under the lock): what must follow the document outside it.
   * `previous` is the document as read before the change (null for a new one).
   */
  written?: (document: T, previous: T | null) => Promise<void>;
  /**
   * Before every write, with the version it will store: what follows the document outside it (e.g. the
   * statistics) marks it here, so a crash between the write and `written` leaves a trace to sweep.
   */
  writing?: (id: string, version: number) => Promise<void>;
}) {
  const { documents, source } = deps;

  const read = (id: string) => documents.findById(id).lean<T>().exec();

  /** After the write: a relay that fails is left to the sweep, as the mark stays. */
  const relay = async (id: string, notifications: readonly PendingNotification[]) => {
    if (!notifications.length) return;
    try {
      await deps.relay.relay(source, id, notifications);
    } catch (error) {
      deps.logger.warn({ err: error, source, id }, 'relay after a change failed; the sweep relays it');
    }
  };

  /** The fields that differ from the document as read. */
  const changedFields = (current: T, set: Partial<T>): Partial<T> => {
    const changed: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(set)) {
      if (kernelFields.has(field) || value === undefined) continue;
      if (!isDeepStrictEqual(value, current[field as keyof T])) changed[field] = value;
    }
    return changed as Partial<T>;
  };

  /** One attempt: null when the version moved since the read. */
  const write = async (current: T, set: Partial<T>, notifications: readonly PendingNotification[]) => {
    const version = current.version ?? 0;
    // Documents stored before versions: their first change gives them one.
    const versionFilter = current.version === undefined ? { $exists: false } : version;
    return documents
      .findOneAndUpdate(
        { _id: current._id, version: versionFilter } as never,
        {
          $set: { ...set, version: version + 1, updatedAt: deps.clock.now() },
          ...(notifications.length ? { $push: { pendingNotifications: { $each: notifications } } } : {}),
        } as never,
        { new: true },
      )
      .lean<T>()
      .exec();
  };

  return {
    /**
     * Reads the document under its lock, lets `decide` say what changes (null: nothing; throwing
     * refuses), and writes it with its notifications in one conditional update. Resolves with the
     * document as stored and whether it changed, or null when there is no such document. The
     * notifications named are relayed also when the document already carried them (a replay).
     */
    async apply(
      id: string,
      decide: (current: T) => DocumentChange<T> | null | Promise<DocumentChange<T> | null>,
    ): Promise<{ document: T; changed: boolean } | null> {
      let marked = false;
      let named: readonly PendingNotification[] = [];
      const outcome = await deps.locks.withLock(`${deps.lockPrefix}:${id}`, async () => {
        for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
          const current = await read(id);
          if (!current) return null;
          const change = await decide(current);
          named = change?.notify ?? [];
          const carried = new Set((current.pendingNotifications ?? []).map((record) => record.id));
          const fresh = named.filter((record) => !carried.has(record.id));
          const set = changedFields(current, change?.set ?? {});
          if (!fresh.length && !Object.keys(set).length) return { document: current, changed: false };
          if (fresh.length && !marked) {
            await deps.relay.markPending(source, id);
            marked = true;
          }
          await deps.writing?.(current._id, (current.version ?? 0) + 1);
          const updated = await write(current, set, fresh);
          if (updated) {
            await deps.written?.(updated, current);
            return { document: updated, changed: true };
          }
        }
        throw new ChangeConflictError(`${deps.lockPrefix}:${id}`);
      });
      if (outcome) await relay(id, named);
      return outcome;
    },

    /** Stores a new document already carrying the notifications its creation causes. */
    async create(document: T, notify: readonly PendingNotification[] = []): Promise<T> {
      const stored: T = {
        ...document,
        version: document.version ?? 0,
        pendingNotifications: [...(document.pendingNotifications ?? []), ...notify],
      };
      if (notify.length) await deps.relay.markPending(source, document._id);
      await deps.writing?.(document._id, stored.version ?? 0);
      await documents.create(stored);
      await deps.written?.(stored, null);
      await relay(document._id, notify);
      return stored;
    },

    /**
     * Stores a new document through the caller's own insert (e.g. a group commit), marked and relayed
     * as `create` does; the document already carries every notification its creation causes. False
     * when the insert stored nothing (the id exists). The relay runs without holding up the caller:
     * should it fail, the mark stays for the sweep.
     */
    async insert(document: T, store: (document: T) => Promise<boolean>): Promise<boolean> {
      const notifications = document.pendingNotifications ?? [];
      if (notifications.length) await deps.relay.markPending(source, document._id);
      await deps.writing?.(document._id, document.version ?? 0);
      if (!(await store(document))) return false;
      await deps.written?.(document, null);
      void relay(document._id, notifications);
      return true;
    },
  };
}

export type VersionedChanges<T extends VersionedDocument> = ReturnType<typeof versionedChanges<T>>;

/** What the relay's sweep reads of one kind of document: the notifications they carry. */
export interface NotifyingDocuments {
  /** All the notifications the document carries (its changes' whole history). */
  notificationsOf(id: string): Promise<readonly PendingNotification[]>;
  /** Documents changed since `since` that carry notifications; a scan, for the recovery's sweeps. */
  changedSince(since: Date): Promise<string[]>;
}

export function notifyingDocuments<T extends VersionedDocument>(documents: Model<T>): NotifyingDocuments {
  return {
    async notificationsOf(id) {
      const found = await documents
        .findById(id, { pendingNotifications: 1 })
        .lean<Pick<T, 'pendingNotifications'>>()
        .exec();
      return found?.pendingNotifications ?? [];
    },
    async changedSince(since) {
      const found = await documents
        .find({ updatedAt: { $gte: since }, pendingNotifications: { $exists: true, $ne: [] } } as never, {
          _id: 1,
        })
        .lean<Array<Pick<T, '_id'>>>()
        .exec();
      return found.map((document) => document._id);
    },
  };
}
