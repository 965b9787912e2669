import type { Connection } from 'mongoose';
import type { CategoryCode, TicketStatus } from '@jiefang/contracts';
import { ticketStatusGroups } from '../../domain/ticketTransitions';
import { batchedInsertsInto } from '../../infra/batchedInserts';
import type { Clock } from '../../infra/clock';
import type { DocumentLocks } from '../../infra/documentLocks';
import type { Logger } from '../../infra/logger';
import { notifyingDocuments, versionedChanges, type NotificationRelay } from '../../infra/versionedChanges';
import { ticketModel, type TicketDocument } from './ticketModel';

/** The tickets' source as the notification relay knows it (marks are `tickets:${id}`). */
export const ticketNotificationSource = 'tickets';

const occupyingStatuses: readonly TicketStatus[] = ticketStatusGroups.occupying;

/** What a ticket list may be narrowed by; every field given must match. */
export interface TicketFilter {
  reporterId?: string;
  squadId?: string;
  status?: TicketStatus;
  category?: CategoryCode;
  streetId?: string;
}

export interface TicketPage {
  items: TicketDocument[];
  total: number;
}

/** What an export reads of a ticket. */
export type TicketExportRow = Omit<
  TicketDocument,
  'timeline' | 'photos' | 'submissions' | 'pendingNotifications' | 'reporters' | 'deviceEvidence' | 'ratings'
>;
const exportProjection = {
  timeline: 0,
  photos: 0,
  submissions: 0,
  pendingNotifications: 0,
  reporters: 0,
  deviceEvidence: 0,
  ratings: 0,
  requestHash: 0,
} as const;

/** Ticket fields enough to place it on the public map. */
export type TicketMapPoint = Pick<TicketDocument, 'category' | 'status' | 'location'>;

/**
 * Every MongoDB query on tickets. Services decide what to ask for; this knows how it is stored.
 * Changes go through the versioned-change kernel (`changes`); the outbox reads the notifications tickets
 * carry through `notifying`.
 */
export function ticketStore(connection: Connection) {
  const tickets = ticketModel(connection);
  const inserts = batchedInsertsInto<TicketDocument>(connection, tickets.collection.collectionName);

  const conditionsOf = (filter: TicketFilter): Record<string, unknown> => ({
    ...(filter.reporterId !== undefined ? { reporterIds: filter.reporterId } : {}),
    ...(filter.squadId !== undefined ? { squadId: filter.squadId } : {}),
    ...(filter.status !== undefined ? { status: filter.status } : {}),
    ...(filter.category !== undefined ? { category: filter.category } : {}),
    ...(filter.streetId !== undefined ? { streetId: filter.streetId } : {}),
  });

  return {
    findById: (id: string): Promise<TicketDocument | null> =>
      tickets.findById(id).lean<TicketDocument>().exec(),

    exists: async (id: string): Promise<boolean> => Boolean(await tickets.exists({ _id: id })),

    /**
     * Inserts a fully built ticket in a shared batch; false when its id exists already. The document is
     * typed and complete as built, so it goes to the driver without a mongoose document around it.
     */
    insert: async (ticket: TicketDocument): Promise<boolean> => (await inserts.insert(ticket)) === 'inserted',

    /** One page of tickets matching a filter, newest first, with the total for paging. */
    async page(filter: TicketFilter, paging: { limit: number; offset: number }): Promise<TicketPage> {
      const conditions = conditionsOf(filter);
      const [items, total] = await Promise.all([
        tickets
          .find(conditions)
          .sort({ reportedAt: -1 })
          .skip(paging.offset)
          .limit(paging.limit)
          .lean<TicketDocument[]>(),
        tickets.countDocuments(conditions),
      ]);
      return { items, total };
    },

    /** Where and what recent tickets are, nothing more. */
    reportedSince: (since: Date, limit: number): Promise<TicketMapPoint[]> =>
      tickets
        .find({ reportedAt: { $gte: since } }, { category: 1, status: 1, location: 1 })
        .limit(limit)
        .lean<TicketMapPoint[]>()
        .exec(),

    /** The tickets an officer holds, oldest first. */
    occupying: (officerId: string): Promise<TicketDocument[]> =>
      tickets
        .find({ assigneeId: officerId, status: { $in: occupyingStatuses } })
        .sort({ reportedAt: 1 })
        .lean<TicketDocument[]>()
        .exec(),

    /**
     * The tickets an officer resolved since a moment, latest change first. Found by their timeline, so a
     * ticket resolved and then reopened (and taken by someone else) still counts as the officer's work;
     * FerretDB has no `$elemMatch` on fields, so the entry itself is checked here.
     */
    async resolvedBySince(officerId: string, since: Date, limit: number): Promise<TicketDocument[]> {
      const touched = await tickets
        .find({ 'timeline.actorId': officerId, updatedAt: { $gte: since } })
        .sort({ updatedAt: -1 })
        .lean<TicketDocument[]>()
        .exec();
      return touched
        .filter((ticket) =>
          ticket.timeline.some(
            (entry) =>
              entry.action === 'resolve' &&
              entry.actorId === officerId &&
              entry.at.getTime() >= since.getTime(),
          ),
        )
        .slice(0, limit);
    },

    /** How many tickets each of these officers holds (officers holding none are absent). */
    async occupyingCounts(officerIds: readonly string[]): Promise<Map<string, number>> {
      const rows = await tickets.aggregate<{ _id: string; count: number }>([
        { $match: { assigneeId: { $in: officerIds }, status: { $in: occupyingStatuses } } },
        { $group: { _id: '$assigneeId', count: { $sum: 1 } } },
      ]);
      return new Map(rows.map((row) => [row._id, row.count]));
    },

    /** Ids of the tickets assigned to an officer and not yet on site. */
    notYetOnSiteWith: async (officerId: string): Promise<string[]> =>
      (
        await tickets
          .find({ assigneeId: officerId, status: { $in: ['assigned', 'accepted'] } }, { _id: 1 })
          .lean<Array<Pick<TicketDocument, '_id'>>>()
      ).map((ticket) => ticket._id),

    /** Tickets still queued for their first dispatch that were reported before a moment. */
    firstDispatchWaiting: (
      before: Date,
      limit: number,
    ): Promise<Array<Pick<TicketDocument, '_id' | 'timeline'>>> =>
      tickets
        .find({ status: 'dispatch_queue', assignmentSeq: 0, reportedAt: { $lt: before } }, { timeline: 1 })
        .limit(limit)
        .lean<Array<Pick<TicketDocument, '_id' | 'timeline'>>>()
        .exec(),

    /** The named fields of every ticket in these statuses, read in batches. */
    inStatuses<Field extends keyof TicketDocument>(
      statuses: readonly TicketStatus[],
      fields: readonly Field[],
      batchSize: number,
    ): AsyncIterable<Pick<TicketDocument, '_id' | Field>> {
      const projection = Object.fromEntries(fields.map((field) => [field, 1]));
      return tickets
        .find({ status: { $in: statuses } }, projection)
        .lean<Array<Pick<TicketDocument, '_id' | Field>>>()
        .cursor({ batchSize }) as AsyncIterable<Pick<TicketDocument, '_id' | Field>>;
    },

    /**
     * Tickets reported in [from, to), of one street when given, oldest first, for exports: one query
     * read through a cursor in batches, so a year of tickets never sits in memory at once. The lists
     * an export never shows (timeline, photos, submissions, notifications) stay in the database.
     */
    reportedBetween(
      window: { from: Date; to: Date; streetId?: string },
      batchSize: number,
    ): AsyncIterable<TicketExportRow> {
      return tickets
        .find(
          {
            reportedAt: { $gte: window.from, $lt: window.to },
            ...(window.streetId !== undefined ? { streetId: window.streetId } : {}),
          },
          exportProjection,
        )
        .sort({ reportedAt: 1, _id: 1 })
        .lean<TicketExportRow[]>()
        .cursor({ batchSize }) as AsyncIterable<TicketExportRow>;
    },

    /** What the notification relay's sweeps read of tickets: the notifications they carry. */
    notifying: notifyingDocuments(tickets),

    /** The change kernel over tickets; `written` follows every write (e.g. the officers' workloads). */
    changes: (deps: {
      locks: DocumentLocks;
      clock: Clock;
      relay: NotificationRelay;
      logger: Logger;
      written: (ticket: TicketDocument, previous: TicketDocument | null) => Promise<void>;
      /** Before each write (id and the version it stores): e.g. the statistics' pending mark. */
      writing?: (id: string, version: number) => Promise<void>;
    }) =>
      versionedChanges<TicketDocument>({
        source: ticketNotificationSource,
        lockPrefix: 'ticket',
        documents: tickets,
        ...deps,
      }),
  };
}

export type TicketStore = ReturnType<typeof ticketStore>;
