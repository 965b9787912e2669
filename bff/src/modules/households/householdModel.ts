import { Schema, type Connection, type Model } from 'mongoose';

export interface HouseholdDocument {
  _id: string;
  streetId: string;
  address: string;
  ownerIds: string[];
  contacts: Array<{ name: string; phone: string }>;
  /** Ids of the indoor-charging alarms it has had; a set, so replaying an alarm never counts it twice. */
  chargingAlarmIds: string[];
  createdAt: Date;
}

const householdSchema = new Schema<HouseholdDocument>(
  {
    _id: { type: String, required: true },
    streetId: { type: String, required: true },
    address: { type: String, required: true },
    ownerIds: { type: [String], default: [] },
    contacts: { type: Schema.Types.Mixed, default: [] },
    chargingAlarmIds: { type: [String], default: [] },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);
householdSchema.index({ ownerIds: 1 });

export function householdModel(connection: Connection): Model<HouseholdDocument> {
  return (
    (connection.models.Household as Model<HouseholdDocument> | undefined) ??
    connection.model<HouseholdDocument>('Household', householdSchema, 'households')
  );
}
