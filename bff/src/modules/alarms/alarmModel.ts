import { Schema, type Connection, type Model } from 'mongoose';
import {
  alarmSeverities,
  alarmStatuses,
  alarmTypes,
  type AlarmSeverity,
  type AlarmStatus,
  type AlarmType,
  type DeviceType,
} from '@jiefang/contracts';
import type { PendingNotification } from '../../infra/versionedChanges';

export interface AlarmTimelineRecord {
  at: Date;
  action: string;
  actorId: string | null;
  actorName: string | null;
  note: string | null;
}

export interface RemoteWarningRecord {
  messageId: string;
  sentAt: Date;
  automatic: boolean;
  text: string | null;
  ackAt: Date | null;
  ok: boolean | null;
}

export interface NoiseEvidence {
  limitDb: number;
  period: 'day' | 'night';
  levelDb: number;
  peakDb: number;
  trace: Array<{ at: Date; levelDb: number }>;
}

export interface AlarmDocument {
  /** `${deviceId}:${type}:${seq of the opening message}`: replaying that message finds this alarm. */
  _id: string;
  /** `${deviceId}:${type}` while open, the alarm's own id once cleared: at most one open per device and type. */
  openKey: string;
  deviceId: string;
  deviceType: DeviceType;
  type: AlarmType;
  status: AlarmStatus;
  severity: AlarmSeverity;
  count: number;
  /** Highest device `seq` folded in: a replayed message below it changes nothing. */
  lastSeq: number;
  ticketId: string | null;
  streetId: string;
  site: string | null;
  householdId: string | null;
  location: { lat: number; lng: number };
  openedAt: Date;
  lastDetectedAt: Date;
  acknowledgedAt: Date | null;
  clearedAt: Date | null;
  /** When nobody's acknowledgement escalates it (indoor charging), stored so a lost timer can be re-armed. */
  escalateAt?: Date | null;
  noise: NoiseEvidence | null;
  confidence: number | null;
  warnings: RemoteWarningRecord[];
  timeline: AlarmTimelineRecord[];
  /** Raised by every change (absent on alarms stored before versions). */
  version?: number;
  /** Every notification the alarm caused, written with the change that caused it. */
  pendingNotifications?: PendingNotification[];
  updatedAt: Date;
}

const alarmSchema = new Schema<AlarmDocument>(
  {
    _id: { type: String, required: true },
    openKey: { type: String, required: true },
    deviceId: { type: String, required: true },
    deviceType: { type: String, required: true },
    type: { type: String, enum: alarmTypes, required: true },
    status: { type: String, enum: alarmStatuses, required: true },
    severity: { type: String, enum: alarmSeverities, required: true },
    count: { type: Number, required: true },
    lastSeq: { type: Number, required: true },
    ticketId: { type: String, default: null },
    streetId: { type: String, required: true },
    site: { type: String, default: null },
    householdId: { type: String, default: null },
    location: { lat: Number, lng: Number },
    openedAt: { type: Date, required: true },
    lastDetectedAt: { type: Date, required: true },
    acknowledgedAt: { type: Date, default: null },
    clearedAt: { type: Date, default: null },
    escalateAt: { type: Date, default: null },
    noise: { type: Schema.Types.Mixed, default: null },
    confidence: { type: Number, default: null },
    warnings: { type: Schema.Types.Mixed, default: [] },
    timeline: { type: Schema.Types.Mixed, default: [] },
    version: { type: Number },
    pendingNotifications: { type: Schema.Types.Mixed },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);
alarmSchema.index({ openKey: 1 }, { unique: true });
alarmSchema.index({ status: 1, openedAt: -1 });
alarmSchema.index({ deviceId: 1, openedAt: -1 });
alarmSchema.index({ householdId: 1, openedAt: -1 });
alarmSchema.index({ streetId: 1, openedAt: -1 });

export function alarmModel(connection: Connection): Model<AlarmDocument> {
  return (
    (connection.models.Alarm as Model<AlarmDocument> | undefined) ??
    connection.model<AlarmDocument>('Alarm', alarmSchema, 'alarms')
  );
}
