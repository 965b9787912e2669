import { Schema, type Connection, type Model } from 'mongoose';

/**
 * New documents stay 'pending': outcomes are receipts (receiptModel). Older documents may carry 'sent' or
 * 'refused' (with sentAt and channel) and 'sending' (from before leases lived in Redis).
 */
export const outboxStatuses = ['pending', 'sending', 'sent', 'refused'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

export interface OutboxDocument {
  _id: string;
  recipientId: string;
  template: string;
  data: Record<string, string | number | boolean | null>;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  leaseUntil: Date | null;
  createdAt: Date;
  sentAt: Date | null;
  channel: string | null;
  lastError: string | null;
  /** When the recipient read it in the app; absent (or null) while unread. Set by the inbox only. */
  readAt?: Date | null;
}

const outboxSchema = new Schema<OutboxDocument>(
  {
    _id: { type: String, required: true },
    recipientId: { type: String, required: true },
    template: { type: String, required: true },
    data: { type: Schema.Types.Mixed, default: {} },
    status: { type: String, enum: outboxStatuses, required: true },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    leaseUntil: { type: Date, default: null },
    createdAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
    channel: { type: String, default: null },
    lastError: { type: String, default: null },
    readAt: { type: Date, default: null },
  },
  { versionKey: false, minimize: false },
);
// What is due lives in Redis (see notificationOutbox), so no index on status: one less to write per insert.
outboxSchema.index({ recipientId: 1, createdAt: -1 });
// The admin panel's notification records, newest first.
outboxSchema.index({ createdAt: -1 });

export function outboxModel(connection: Connection): Model<OutboxDocument> {
  return (
    (connection.models.Outbox as Model<OutboxDocument> | undefined) ??
    connection.model<OutboxDocument>('Outbox', outboxSchema, 'outbox')
  );
}
