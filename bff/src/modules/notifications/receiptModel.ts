import { Schema, type Connection, type Model } from 'mongoose';

export const receiptStatuses = ['sent', 'refused'] as const;
export type ReceiptStatus = (typeof receiptStatuses)[number];

/**
 * A notification's outcome, inserted once (`_id` = the notification's id) instead of updating its outbox
 * document: an insert joins a group commit, an update by `_id` costs a write of its own.
 */
export interface ReceiptDocument {
  _id: string;
  status: ReceiptStatus;
  /** How it was delivered; null when refused. */
  channel: string | null;
  /** When it was sent or refused. */
  at: Date;
  attempts: number;
  recipientId: string;
  lastError: string | null;
}

const receiptSchema = new Schema<ReceiptDocument>(
  {
    _id: { type: String, required: true },
    status: { type: String, enum: receiptStatuses, required: true },
    channel: { type: String, default: null },
    at: { type: Date, required: true },
    attempts: { type: Number, required: true },
    recipientId: { type: String, required: true },
    lastError: { type: String, default: null },
  },
  { versionKey: false, minimize: false },
);
// The inbox (forRecipient) looks receipts up by recipient, as it does outbox documents.
receiptSchema.index({ recipientId: 1, at: -1 });
// The admin panel's records filtered by outcome (sent, failed), newest first.
receiptSchema.index({ status: 1, at: -1 });

export function receiptModel(connection: Connection): Model<ReceiptDocument> {
  return (
    (connection.models.OutboxReceipt as Model<ReceiptDocument> | undefined) ??
    connection.model<ReceiptDocument>('OutboxReceipt', receiptSchema, 'outbox_receipts')
  );
}
