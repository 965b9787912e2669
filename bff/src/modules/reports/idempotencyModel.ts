import { Schema, type Connection, type Model } from 'mongoose';

/** One per (user, Idempotency-Key): a retried submission finds the ticket its first attempt made. */
export interface IdempotencyDocument {
  _id: string;
  state: 'pending' | 'done';
  requestHash: string;
  ticketId: string | null;
  createdAt: Date;
}

const idempotencySchema = new Schema<IdempotencyDocument>(
  {
    _id: { type: String, required: true },
    state: { type: String, enum: ['pending', 'done'], required: true },
    requestHash: { type: String, required: true },
    ticketId: { type: String, default: null },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export function idempotencyModel(connection: Connection): Model<IdempotencyDocument> {
  return (
    (connection.models.IdempotencyKey as Model<IdempotencyDocument> | undefined) ??
    connection.model<IdempotencyDocument>('IdempotencyKey', idempotencySchema, 'idempotency_keys')
  );
}
