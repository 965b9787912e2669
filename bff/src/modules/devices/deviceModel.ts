import { Schema, type Connection, type Model } from 'mongoose';
import { deviceTypes, type DeviceType, type NoiseZoneClass } from '@jiefang/contracts';

export interface DeviceDocument {
  _id: string;
  type: DeviceType;
  streetId: string;
  location: { lat: number; lng: number };
  zoneClass: NoiseZoneClass | null;
  householdId: string | null;
  building: string | null;
  site: string | null;
  secretSalt: string;
  secretHash: string;
  credentialsRotatedAt: Date;
  disabled: boolean;
  online: boolean;
  lastSeenAt: Date | null;
  lastReading: Record<string, unknown> | null;
  createdAt: Date;
  updatedAt: Date;
  /** Set by a bulk import: what the row was (`deviceImportFingerprint`), so a retry knows its own devices. */
  importFingerprint?: string | null;
  /**
   * Set while an import's answer, the only copy of the device's secret, has not been produced: the import
   * attempt and when it began. A later attempt finding it stale re-keys the device (see docs/devices.md).
   */
  secretPendingAttempt?: string | null;
  secretPendingSince?: Date | null;
}

const deviceSchema = new Schema<DeviceDocument>(
  {
    _id: { type: String, required: true },
    type: { type: String, enum: deviceTypes, required: true },
    streetId: { type: String, required: true },
    location: { lat: { type: Number, required: true }, lng: { type: Number, required: true } },
    zoneClass: { type: String, default: null },
    householdId: { type: String, default: null },
    building: { type: String, default: null },
    site: { type: String, default: null },
    secretSalt: { type: String, required: true },
    secretHash: { type: String, required: true },
    credentialsRotatedAt: { type: Date, required: true },
    disabled: { type: Boolean, default: false },
    online: { type: Boolean, default: false },
    lastSeenAt: { type: Date, default: null },
    lastReading: { type: Schema.Types.Mixed, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    importFingerprint: { type: String, default: null },
    secretPendingAttempt: { type: String, default: null },
    secretPendingSince: { type: Date, default: null },
  },
  { versionKey: false, minimize: false },
);
deviceSchema.index({ streetId: 1, type: 1 });
deviceSchema.index({ householdId: 1 });

export function deviceModel(connection: Connection): Model<DeviceDocument> {
  return (
    (connection.models.Device as Model<DeviceDocument> | undefined) ??
    connection.model<DeviceDocument>('Device', deviceSchema, 'devices')
  );
}
