import { Schema, type Connection, type Model } from 'mongoose';
import type { EscortReminder } from '../../domain/escortRules';
import type { PendingNotification } from '../../infra/versionedChanges';
import type {
  ElderNeed,
  EscortServiceType,
  EscortStatus,
  VolunteerSkill,
  WeeklySlot,
} from '@jiefang/contracts';

export interface ElderDocument {
  _id: string;
  name: string;
  phone: string;
  address: string;
  location: { lat: number; lng: number };
  streetId: string | null;
  needs: ElderNeed[];
  emergencyContacts: Array<{ name: string; phone: string; relation: string | null }>;
  familyUserIds: string[];
  createdBy: string;
  createdAt: Date;
}

export interface VolunteerDocument {
  /** The volunteer's user id. */
  _id: string;
  realName: string;
  phone: string;
  skills: VolunteerSkill[];
  serviceArea: { streetId: string; lat: number; lng: number; radiusKm: number };
  availability: WeeklySlot[];
  verified: boolean;
  verifiedAt: Date | null;
  verifiedBy: string | null;
  createdAt: Date;
}

export interface EscortTimelineRecord {
  at: Date;
  action: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string;
  note: string | null;
}

export interface EscortDocument {
  _id: string;
  elderId: string;
  elderName: string;
  elderNeeds: ElderNeed[];
  elderLocation: { lat: number; lng: number };
  streetId: string | null;
  serviceType: EscortServiceType;
  windowStart: Date;
  windowEnd: Date;
  urgent: boolean;
  status: EscortStatus;
  volunteerId: string | null;
  volunteerName: string | null;
  /** Volunteers who held it and withdrew: the elder's address is hidden from them again. */
  withdrawnBy: string[];
  pickupAddress: string | null;
  destination: string | null;
  hospital: string | null;
  department: string | null;
  notes: string | null;
  createdBy: string;
  checkedInAt: Date | null;
  completedAt: Date | null;
  completionNotes: string | null;
  hoursReviewed: boolean;
  rating: { score: number; comment: string; at: Date; by: string } | null;
  sos: Array<{ at: Date; by: string; lat: number | null; lng: number | null; note: string | null }>;
  timeline: EscortTimelineRecord[];
  /** Its deadlines, stored so lost timers can be re-armed (absent on escorts booked before them). */
  escalateAt?: Date | null;
  escalatedAt?: Date | null;
  reminders?: EscortReminder[];
  /** Raised by every change (absent on escorts stored before versions). */
  version?: number;
  /** Every notification the escort caused, written with the change that caused it. */
  pendingNotifications?: PendingNotification[];
  createdAt: Date;
  updatedAt: Date;
}

const elderSchema = new Schema<ElderDocument>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    phone: { type: String, required: true },
    address: { type: String, required: true },
    location: { lat: Number, lng: Number },
    streetId: { type: String, default: null },
    needs: { type: [String], default: [] },
    emergencyContacts: { type: Schema.Types.Mixed, default: [] },
    familyUserIds: { type: [String], default: [] },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);
elderSchema.index({ streetId: 1, name: 1 });
elderSchema.index({ familyUserIds: 1 });

const volunteerSchema = new Schema<VolunteerDocument>(
  {
    _id: { type: String, required: true },
    realName: { type: String, required: true },
    phone: { type: String, required: true },
    skills: { type: [String], default: [] },
    serviceArea: { type: Schema.Types.Mixed, required: true },
    availability: { type: Schema.Types.Mixed, default: [] },
    verified: { type: Boolean, default: false },
    verifiedAt: { type: Date, default: null },
    verifiedBy: { type: String, default: null },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);
volunteerSchema.index({ verified: 1 });

const escortSchema = new Schema<EscortDocument>(
  {
    _id: { type: String, required: true },
    elderId: { type: String, required: true },
    elderName: { type: String, required: true },
    elderNeeds: { type: [String], default: [] },
    elderLocation: { lat: Number, lng: Number },
    streetId: { type: String, default: null },
    serviceType: { type: String, required: true },
    windowStart: { type: Date, required: true },
    windowEnd: { type: Date, required: true },
    urgent: { type: Boolean, default: false },
    status: { type: String, required: true },
    volunteerId: { type: String, default: null },
    volunteerName: { type: String, default: null },
    withdrawnBy: { type: [String], default: [] },
    pickupAddress: { type: String, default: null },
    destination: { type: String, default: null },
    hospital: { type: String, default: null },
    department: { type: String, default: null },
    notes: { type: String, default: null },
    createdBy: { type: String, required: true },
    checkedInAt: { type: Date, default: null },
    completedAt: { type: Date, default: null },
    completionNotes: { type: String, default: null },
    hoursReviewed: { type: Boolean, default: false },
    rating: { type: Schema.Types.Mixed, default: null },
    sos: { type: Schema.Types.Mixed, default: [] },
    timeline: { type: Schema.Types.Mixed, default: [] },
    escalateAt: { type: Date, default: null },
    escalatedAt: { type: Date, default: null },
    reminders: { type: Schema.Types.Mixed, default: [] },
    version: { type: Number },
    pendingNotifications: { type: Schema.Types.Mixed },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);
escortSchema.index({ status: 1, windowStart: 1 });
escortSchema.index({ elderId: 1, windowStart: 1 });
escortSchema.index({ volunteerId: 1, windowStart: 1 });
escortSchema.index({ streetId: 1, status: 1 });

const model = <T>(connection: Connection, name: string, schema: Schema<T>, collection: string): Model<T> =>
  (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema, collection);

export const escortModels = (connection: Connection) => ({
  Elder: model(connection, 'Elder', elderSchema, 'elders'),
  Volunteer: model(connection, 'Volunteer', volunteerSchema, 'volunteers'),
  Escort: model(connection, 'Escort', escortSchema, 'escorts'),
});
export type EscortModels = ReturnType<typeof escortModels>;
