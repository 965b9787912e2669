import type { TicketStatus } from '@jiefang/contracts';
import type { Clock } from '../../infra/clock';
import type { VersionedChanges } from '../../infra/versionedChanges';
import type { NotificationRecord, TicketDocument, TimelineRecord } from './ticketModel';

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

/** The versioned-change kernel over tickets (built by `ticketStore.changes`). */
export type TicketChanges = VersionedChanges<TicketDocument>;

/** What applying a change needs: the change kernel (which also keeps the workloads in step) and a clock. */
export interface TicketChangeDeps {
  changes: Pick<TicketChanges, 'apply'>;
  clock: Clock;
}

type ChangedFields = Pick<TicketDocument, 'status' | 'timeline' | 'refusedBy' | 'reporterIds'> &
  Partial<TicketDocument>;

/**
 * The fields a change sets on a ticket as it is, whole (timeline and lists included), and its
 * notifications with their deterministic ids (`${id}:${the version the change makes}:…`).
 */
function changeOn(
  ticket: Pick<TicketDocument, '_id' | 'status' | 'version' | 'timeline' | 'refusedBy' | 'reporterIds'>,
  change: TicketChange,
  at: Date,
): { set: ChangedFields; notifications: NotificationRecord[] } {
  const nextVersion = ticket.version + 1;
  const entry: TimelineRecord = {
    at,
    action: change.action,
    from: ticket.status,
    to: change.to,
    actorId: change.actor.id,
    actorRole: change.actor.role,
    actorName: change.actor.name ?? null,
    ...(change.reason ? { reason: change.reason } : {}),
    ...(change.details ? { details: change.details } : {}),
  };
  const notifications: NotificationRecord[] = (change.notify ?? []).map((notification) => ({
    ...notification,
    id: `${ticket._id}:${nextVersion}:${notification.template}:${notification.recipientId}`,
  }));
  const withValue = (list: string[], value: string | undefined) =>
    value === undefined || list.includes(value) ? list : [...list, value];
  return {
    set: {
      ...change.set,
      status: change.to,
      timeline: [...ticket.timeline, ...(change.precedingEntries ?? []), entry],
      refusedBy: withValue(change.set?.refusedBy ?? ticket.refusedBy, change.addToSet?.refusedBy),
      reporterIds: withValue(change.set?.reporterIds ?? ticket.reporterIds, change.addToSet?.reporterIds),
    },
    notifications,
  };
}

/**
 * A change applied in memory to a ticket that is not stored yet: a new report is inserted already
 * routed and assigned, in one write, with exactly the entries a stored change would have added.
 */
export function withChange(ticket: TicketDocument, change: TicketChange, at: Date): TicketDocument {
  const { set, notifications } = changeOn(ticket, change, at);
  return {
    ...ticket,
    ...set,
    updatedAt: at,
    version: ticket.version + 1,
    pendingNotifications: [...ticket.pendingNotifications, ...notifications],
  };
}

/**
 * Applies a state change, its timeline entry and its notifications through the change kernel, decided
 * on the ticket as read under its lock: only if it still has the status and version the caller saw,
 * so of two concurrent changes exactly one wins; the loser gets null. Callers check the transition
 * table on what they read (`nextStatus`, `planDispatch`); the unchanged status carries that check here.
 */
export async function applyTicketChange(
  deps: TicketChangeDeps,
  current: Pick<TicketDocument, '_id' | 'status' | 'version'>,
  change: TicketChange,
): Promise<TicketDocument | null> {
  const outcome = await deps.changes.apply(current._id, (fresh) => {
    if (fresh.status !== current.status || fresh.version !== current.version) return null;
    const { set, notifications } = changeOn(fresh, change, deps.clock.now());
    return { set, notify: notifications };
  });
  return outcome?.changed ? outcome.document : null;
}
