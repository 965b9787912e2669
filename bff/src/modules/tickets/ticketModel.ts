import { Schema, type Connection, type Model } from 'mongoose';
import {
  type ClosureKind,
  type DeviceEvidence,
  closureKinds,
  categoryCodes,
  departments,
  priorities,
  ticketStatuses,
  type CategoryCode,
  type Department,
  type Priority,
  type TicketStatus,
} from '@jiefang/contracts';
import type { SlaClockState } from '../../domain/slaDeadlines';
import type { PendingNotification } from '../../infra/versionedChanges';
import type { StoredPhotoRef } from '../photos/storedPhotoRef';

export interface TimelineRecord {
  at: Date;
  action: string;
  from: TicketStatus | null;
  to: TicketStatus;
  actorId: string | null;
  actorRole: string | null;
  actorName?: string | null;
  reason?: string;
  details?: Record<string, unknown>;
}

/** A notification a ticket change caused, as the change kernel carries it (deterministic id). */
export type NotificationRecord = PendingNotification;

/**
 * One resident's report as they sent it. A ticket keeps every reporter's own submission: each
 * reporter sees theirs, staff see all of them.
 */
export interface SubmissionRecord {
  reporterId: string;
  anonymous: boolean;
  description: string;
  address: string;
  location: { lat: number; lng: number };
  accuracy?: number;
  photos: StoredPhotoRef[];
  submittedAt: Date;
}

/** A close-out (`POST /api/tickets/:id/close`): invalid, a duplicate of another ticket, or not ours. */
export interface ClosureRecord {
  kind: ClosureKind;
  reason: string;
  duplicateOfId: string | null;
  passedTo: string | null;
  at: Date;
  byId: string;
  byName: string | null;
}

export interface TicketDocument {
  _id: string;
  category: CategoryCode;
  /**
   * The category as it was when reported: its name, department's name, on-site SLA and version, kept so
   * a later edit of the category does not rewrite the ticket (absent on tickets from before; see
   * categoryOfTicket).
   */
  categoryName?: string;
  departmentName?: string;
  onSiteSlaMinutes?: number;
  categoryVersion?: number;
  priority: Priority;
  department: Department;
  location: { lat: number; lng: number };
  accuracy?: number;
  address: string;
  description: string;
  reporters: Array<{ userId: string; anonymous: boolean; at: Date }>;
  reporterIds: string[];
  reporterCount: number;
  /** Every reporter's own submission, in order; absent on tickets stored before it existed. */
  submissions?: SubmissionRecord[];
  /** Every reporter's photos together, for staff. */
  photos: StoredPhotoRef[];
  routing: 'single' | 'outside' | 'overlap';
  streetId: string | null;
  squadId: string | null;
  /** The grid (网格) the location lies in, within the ticket's street (`gridFor`); null when none. */
  gridId?: string | null;
  status: TicketStatus;
  version: number;
  assigneeId: string | null;
  /** Increases with every assignment, so a late timer for an earlier assignment does nothing. */
  assignmentSeq: number;
  refusedBy: string[];
  reportedAt: Date;
  updatedAt: Date;
  /** When the current on-site clock started: the report, or its latest reopening. */
  slaStartedAt: Date;
  /** 1 for the first clock; each reopening starts the next round of warn/breach timers. */
  slaRound: number;
  deadlines: SlaClockState['deadlines'];
  slaWarned: boolean;
  slaBreached: boolean;
  onSiteAt: Date | null;
  resolvedAt: Date | null;
  resolution: { note: string; photos: StoredPhotoRef[]; at: Date } | null;
  /** The first reporter's rating, which staff and rankings go by. */
  rating: { score: number; comment: string; at: Date; by: string } | null;
  /** Every reporter's own rating: each who reported may rate once, and sees only their own. */
  ratings?: Array<{ score: number; comment: string; at: Date; by: string }>;
  /** Why it was closed without being fixed (status `closed`); absent otherwise. */
  closure?: ClosureRecord | null;
  timeline: TimelineRecord[];
  /**
   * Every notification the ticket's changes caused, each written in the same update as its change and
   * then relayed to the outbox (ids carry the version, so a repeated relay stores nothing twice).
   */
  pendingNotifications: NotificationRecord[];
  /** Sensor evidence, in API shape (ISO times), when device alarms opened or backed the ticket. */
  deviceEvidence?: DeviceEvidence[];
  /** Hash of the submission that created it: a reused Idempotency-Key with other content is refused. */
  requestHash?: string;
}

const photoRef = { _id: false, id: String, thumbnailId: String };

const ticketSchema = new Schema<TicketDocument>(
  {
    _id: { type: String, required: true },
    category: { type: String, enum: categoryCodes, required: true },
    categoryName: String,
    departmentName: String,
    onSiteSlaMinutes: Number,
    categoryVersion: Number,
    priority: { type: String, enum: priorities, required: true },
    department: { type: String, enum: departments, required: true },
    location: { lat: { type: Number, required: true }, lng: { type: Number, required: true } },
    accuracy: Number,
    address: { type: String, default: '' },
    description: { type: String, default: '' },
    reporters: [{ _id: false, userId: String, anonymous: Boolean, at: Date }],
    reporterIds: [String],
    reporterCount: { type: Number, required: true },
    submissions: {
      type: [
        {
          _id: false,
          reporterId: String,
          anonymous: Boolean,
          description: String,
          address: String,
          location: { lat: Number, lng: Number },
          accuracy: Number,
          photos: [photoRef],
          submittedAt: Date,
        },
      ],
      default: undefined,
    },
    photos: [photoRef],
    routing: { type: String, enum: ['single', 'outside', 'overlap'], required: true },
    streetId: { type: String, default: null },
    squadId: { type: String, default: null },
    gridId: { type: String, default: null },
    requestHash: String,
    status: { type: String, enum: ticketStatuses, required: true },
    version: { type: Number, required: true },
    assigneeId: { type: String, default: null },
    assignmentSeq: { type: Number, default: 0 },
    refusedBy: [String],
    reportedAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    slaStartedAt: { type: Date, required: true },
    slaRound: { type: Number, default: 1 },
    deadlines: {
      acceptBy: { type: Date, default: null },
      warnAt: Date,
      breachAt: Date,
      escalateToLeaderAt: Date,
      escalateToDispatcherAt: Date,
    },
    slaWarned: { type: Boolean, default: false },
    slaBreached: { type: Boolean, default: false },
    onSiteAt: { type: Date, default: null },
    resolvedAt: { type: Date, default: null },
    resolution: {
      type: new Schema({ note: String, photos: [photoRef], at: Date }, { _id: false }),
      default: null,
    },
    rating: {
      type: new Schema({ score: Number, comment: String, at: Date, by: String }, { _id: false }),
      default: null,
    },
    // No default: a ticket gets the list with its first rating (intake writes tickets without it).
    ratings: {
      type: [new Schema({ score: Number, comment: String, at: Date, by: String }, { _id: false })],
      default: undefined,
    },
    closure: {
      type: new Schema(
        {
          kind: { type: String, enum: closureKinds },
          reason: String,
          duplicateOfId: { type: String, default: null },
          passedTo: { type: String, default: null },
          at: Date,
          byId: String,
          byName: { type: String, default: null },
        },
        { _id: false },
      ),
      default: undefined,
    },
    timeline: [
      {
        _id: false,
        at: Date,
        action: String,
        from: { type: String, default: null },
        to: String,
        actorId: { type: String, default: null },
        actorRole: { type: String, default: null },
        actorName: { type: String, default: null },
        reason: String,
        details: Schema.Types.Mixed,
      },
    ],
    pendingNotifications: [
      { _id: false, id: String, recipientId: String, template: String, data: Schema.Types.Mixed },
    ],
    deviceEvidence: { type: Schema.Types.Mixed, default: undefined },
  },
  { versionKey: false, minimize: false },
);
ticketSchema.index({ status: 1, squadId: 1, reportedAt: -1 });
ticketSchema.index({ reporterIds: 1, reportedAt: -1 });
ticketSchema.index({ assigneeId: 1, status: 1 });

export function ticketModel(connection: Connection): Model<TicketDocument> {
  return (
    (connection.models.Ticket as Model<TicketDocument> | undefined) ??
    connection.model<TicketDocument>('Ticket', ticketSchema, 'tickets')
  );
}
