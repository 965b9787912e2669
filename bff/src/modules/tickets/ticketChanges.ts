import type { Model, UpdateQuery } from 'mongoose';
import type { TicketStatus } from '@jiefang/contracts';
import type { Clock } from '../../infra/clock';
import type { DocumentLocks } from '../../infra/documentLocks';
import type { NotificationRecord, TicketDocument, TimelineRecord } from '../reports/ticketModel';

export interface Actor {
  id: string | null;
  role: string | null;
  name?: string | null;
}

export const systemActor: Actor = { id: null, role: 'system' };

export interface TicketChange {
  action: string;
  to: TicketStatus;
  actor: Actor;
  reason?: string;
  details?: Record<string, unknown>;
  /** Timeline entries that happened just before this one in the same change (e.g. a missed accept). */
  precedingEntries?: TimelineRecord[];
  set?: Partial<TicketDocument>;
  addToSet?: Partial<Record<'refusedBy' | 'reporterIds', string>>;
  notify?: Array<Omit<NotificationRecord, 'id'>>;
}

/**
 * Applies a state change and its timeline entry as one conditional update on the ticket's current
 * status and version: of two concurrent changes exactly one wins; the loser gets null.
 */
export interface TicketStore {
  tickets: Model<TicketDocument>;
  clock: Clock;
  locks: DocumentLocks;
}

export async function applyTicketChange(
  store: TicketStore,
  current: Pick<TicketDocument, '_id' | 'status' | 'version'>,
  change: TicketChange,
): Promise<TicketDocument | null> {
  const { tickets, clock } = store;
  const at = clock.now();
  const nextVersion = current.version + 1;
  const entry: TimelineRecord = {
    at,
    action: change.action,
    from: current.status,
    to: change.to,
    actorId: change.actor.id,
    actorRole: change.actor.role,
    actorName: change.actor.name ?? null,
    ...(change.reason ? { reason: change.reason } : {}),
    ...(change.details ? { details: change.details } : {}),
  };
  const notifications: NotificationRecord[] = (change.notify ?? []).map((notification) => ({
    ...notification,
    id: `${current._id}:${nextVersion}:${notification.template}:${notification.recipientId}`,
  }));
  const update: UpdateQuery<TicketDocument> = {
    $set: { ...change.set, status: change.to, updatedAt: at },
    $inc: { version: 1 },
    $push: {
      timeline: { $each: [...(change.precedingEntries ?? []), entry] },
      ...(notifications.length ? { pendingNotifications: { $each: notifications } } : {}),
    },
    ...(change.addToSet ? { $addToSet: change.addToSet } : {}),
  };
  return store.locks.withLock(`ticket:${current._id}`, () =>
    tickets
      .findOneAndUpdate({ _id: current._id, status: current.status, version: current.version }, update, {
        new: true,
      })
      .lean<TicketDocument>()
      .exec(),
  );
}
