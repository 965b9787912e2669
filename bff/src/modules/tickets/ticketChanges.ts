import type { UpdateQuery } from 'mongoose';
import type { TicketStatus } from '@jiefang/contracts';
import type { Clock } from '../../infra/clock';
import type { DocumentLocks } from '../../infra/documentLocks';
import type { NotificationRecord, TicketDocument, TimelineRecord } from './ticketModel';
import type { TicketStore } from './ticketStore';
import type { TicketTracking } from './ticketTracking';

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

/** What applying a change needs: the store's conditional update, the lock and what follows every write. */
export interface TicketChangeDeps {
  store: Pick<TicketStore, 'updateIfCurrent'>;
  clock: Clock;
  locks: DocumentLocks;
  tracking: TicketTracking;
}

/** The timeline entries and outbox records a change adds, with the records' deterministic ids. */
function changeRecords(
  current: Pick<TicketDocument, '_id' | 'status' | 'version'>,
  change: TicketChange,
  at: Date,
): { entries: TimelineRecord[]; notifications: NotificationRecord[] } {
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
  return { entries: [...(change.precedingEntries ?? []), entry], notifications };
}

/**
 * A change applied in memory to a ticket that is not stored yet: a new report is inserted already
 * routed and assigned, in one write, with exactly the entries a stored change would have added.
 */
export function withChange(ticket: TicketDocument, change: TicketChange, at: Date): TicketDocument {
  const { entries, notifications } = changeRecords(ticket, change, at);
  const addToSet = (list: string[], value: string | undefined) =>
    value === undefined || list.includes(value) ? list : [...list, value];
  return {
    ...ticket,
    ...change.set,
    status: change.to,
    updatedAt: at,
    version: ticket.version + 1,
    timeline: [...ticket.timeline, ...entries],
    pendingNotifications: [...ticket.pendingNotifications, ...notifications],
    refusedBy: addToSet(ticket.refusedBy, change.addToSet?.refusedBy),
    reporterIds: addToSet(ticket.reporterIds, change.addToSet?.reporterIds),
  };
}

/**
 * Applies a state change and its timeline entry as one conditional update on the ticket's current
 * status and version: of two concurrent changes exactly one wins; the loser gets null.
 */
export async function applyTicketChange(
  deps: TicketChangeDeps,
  current: Pick<TicketDocument, '_id' | 'status' | 'version'>,
  change: TicketChange,
): Promise<TicketDocument | null> {
  const at = deps.clock.now();
  const { entries, notifications } = changeRecords(current, change, at);
  const update: UpdateQuery<TicketDocument> = {
    $set: { ...change.set, status: change.to, updatedAt: at },
    $inc: { version: 1 },
    $push: {
      timeline: { $each: entries },
      ...(notifications.length ? { pendingNotifications: { $each: notifications } } : {}),
    },
    ...(change.addToSet ? { $addToSet: change.addToSet } : {}),
  };
  // Noted before the write: a crash right after it still leaves the relay a trace to follow.
  if (notifications.length) await deps.tracking.notificationsPending(current._id);
  return deps.locks.withLock(`ticket:${current._id}`, async () => {
    const updated = await deps.store.updateIfCurrent(current, update);
    if (updated) await deps.tracking.written(updated);
    return updated;
  });
}
