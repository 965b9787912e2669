import { Schema, type Connection, type Model } from 'mongoose';

/** How someone became an owner: invited by phone (the phone kept for staff to call) or named by id. */
export interface OwnerLink {
  userId: string;
  phone: string | null;
  linkedAt: Date;
}

export interface HouseholdDocument {
  _id: string;
  streetId: string;
  address: string;
  /** WGS-84, picked on the map; absent on households registered before locations were kept. */
  location?: { lat: number; lng: number } | null;
  /** The grid under the location (null outside every grid or without a location). */
  gridId?: string | null;
  ownerIds: string[];
  /** One per owner who joined by invitation; owners named by id at creation have none. */
  ownerLinks?: OwnerLink[];
  contacts: Array<{ name: string; phone: string }>;
  /** Ids of the indoor-charging alarms it has had; a set, so replaying an alarm never counts it twice. */
  chargingAlarmIds: string[];
  createdAt: Date;
  updatedAt?: Date;
}

const householdSchema = new Schema<HouseholdDocument>(
  {
    _id: { type: String, required: true },
    streetId: { type: String, required: true },
    address: { type: String, required: true },
    location: { type: Schema.Types.Mixed, default: null },
    gridId: { type: String, default: null },
    ownerIds: { type: [String], default: [] },
    ownerLinks: { type: Schema.Types.Mixed, default: [] },
    contacts: { type: Schema.Types.Mixed, default: [] },
    chargingAlarmIds: { type: [String], default: [] },
    createdAt: { type: Date, required: true },
    updatedAt: Date,
  },
  { versionKey: false, minimize: false },
);
householdSchema.index({ ownerIds: 1 });
householdSchema.index({ streetId: 1 });

export function householdModel(connection: Connection): Model<HouseholdDocument> {
  return (
    (connection.models.Household as Model<HouseholdDocument> | undefined) ??
    connection.model<HouseholdDocument>('Household', householdSchema, 'households')
  );
}
