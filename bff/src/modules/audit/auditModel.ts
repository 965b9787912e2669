import { Schema, type Connection, type Model } from 'mongoose';
import { auditOutcomes, type AuditOutcome, type AuditTargetKind, type Role } from '@jiefang/contracts';

/** The collection of the audit log: entries are only ever inserted (see auditStore). */
export const auditCollection = 'audit_log';

/** One recorded action, flat (the contract's `actor` and `target` are views of these fields). */
export interface AuditDocument {
  _id: string;
  at: Date;
  actorId: string;
  actorName: string | null;
  actorRoles: Role[];
  action: string;
  targetKind: AuditTargetKind;
  targetId: string | null;
  streetId: string | null;
  outcome: AuditOutcome;
  status: number | null;
  /**
   * The redacted request as JSON text: a request's keys may be anything (`$`, dots), which field names
   * in MongoDB may not be.
   */
  change: string | null;
  method: string;
  path: string;
  clientAddress: string;
  userAgent: string;
  requestId: string;
}

const auditSchema = new Schema<AuditDocument>(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    actorId: { type: String, required: true },
    actorName: { type: String, default: null },
    actorRoles: { type: [String], default: [] },
    action: { type: String, required: true },
    targetKind: { type: String, required: true },
    targetId: { type: String, default: null },
    streetId: { type: String, default: null },
    outcome: { type: String, enum: auditOutcomes, required: true },
    status: { type: Number, default: null },
    change: { type: String, default: null },
    method: { type: String, required: true },
    path: { type: String, required: true },
    clientAddress: { type: String, required: true },
    userAgent: { type: String, default: '' },
    requestId: { type: String, required: true },
  },
  { versionKey: false, minimize: false, collection: auditCollection },
);
// The search's filters, each newest first; plain indexes (FerretDB v1 builds neither partial nor TTL ones,
// and the log is kept, not expired).
auditSchema.index({ at: -1 });
auditSchema.index({ actorId: 1, at: -1 });
auditSchema.index({ action: 1, at: -1 });
auditSchema.index({ targetId: 1, at: -1 });
auditSchema.index({ streetId: 1, at: -1 });

export function auditModel(connection: Connection): Model<AuditDocument> {
  return (
    (connection.models.AuditEntry as Model<AuditDocument> | undefined) ??
    connection.model<AuditDocument>('AuditEntry', auditSchema)
  );
}
