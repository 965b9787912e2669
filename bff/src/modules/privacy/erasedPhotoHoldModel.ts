import { Schema, type Connection, type Model } from 'mongoose';

/**
 * Photos an erased reporter left on a ticket that was still open: kept as evidence until it is finished,
 * then removed by the retention sweep (erasedPhotoRetention.ts). One per ticket and pseudonym; it names
 * the ticket's pseudonym, never the person. A small collection, read whole by the sweep.
 */
export interface ErasedPhotoHoldDocument {
  /** `<ticketId>:<pseudonym>`: holding twice is holding once. */
  _id: string;
  ticketId: string;
  pseudonym: string;
  heldAt: Date;
  /** When the sweep last found the ticket still open: the longest-waiting are looked at first. */
  checkedAt: Date;
}

const erasedPhotoHoldSchema = new Schema<ErasedPhotoHoldDocument>(
  {
    _id: { type: String, required: true },
    ticketId: { type: String, required: true },
    pseudonym: { type: String, required: true },
    heldAt: { type: Date, required: true },
    checkedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export function erasedPhotoHoldModel(connection: Connection): Model<ErasedPhotoHoldDocument> {
  return (
    (connection.models.ErasedPhotoHold as Model<ErasedPhotoHoldDocument> | undefined) ??
    connection.model<ErasedPhotoHoldDocument>('ErasedPhotoHold', erasedPhotoHoldSchema, 'erased_photo_holds')
  );
}
