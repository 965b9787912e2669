import { Schema, type Connection, type Model } from 'mongoose';

/**
 * A user's 全部已读: everything created up to `allReadAt` counts as read. One upsert by `_id` instead of
 * updating each unread outbox document, which FerretDB does one write at a time.
 */
export interface ReadMarkDocument {
  /** The user's id. */
  _id: string;
  allReadAt: Date;
}

const readMarkSchema = new Schema<ReadMarkDocument>(
  {
    _id: { type: String, required: true },
    allReadAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export function readMarkModel(connection: Connection): Model<ReadMarkDocument> {
  return (
    (connection.models.NotificationReadMark as Model<ReadMarkDocument> | undefined) ??
    connection.model<ReadMarkDocument>('NotificationReadMark', readMarkSchema, 'notification_read_marks')
  );
}
