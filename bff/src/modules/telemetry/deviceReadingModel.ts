import { Schema, type Connection, type Model } from 'mongoose';

/** One minute of a noise meter: the downsampled history kept in MongoDB. */
export interface DeviceReadingDocument {
  /** `${deviceId}:${minute start ms}`: writing the same minute again is a no-op. */
  _id: string;
  deviceId: string;
  minute: Date;
  levelDb: number;
  maxDb: number;
  coveredMs: number;
}

const deviceReadingSchema = new Schema<DeviceReadingDocument>(
  {
    _id: { type: String, required: true },
    deviceId: { type: String, required: true },
    minute: { type: Date, required: true },
    levelDb: { type: Number, required: true },
    maxDb: { type: Number, required: true },
    coveredMs: { type: Number, required: true },
  },
  { versionKey: false },
);
deviceReadingSchema.index({ deviceId: 1, minute: -1 });

export function deviceReadingModel(connection: Connection): Model<DeviceReadingDocument> {
  return (
    (connection.models.DeviceReading as Model<DeviceReadingDocument> | undefined) ??
    connection.model<DeviceReadingDocument>('DeviceReading', deviceReadingSchema, 'device_readings')
  );
}
