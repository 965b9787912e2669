import { Schema, type Connection, type Model } from 'mongoose';

/**
 * An invitation to become a household's owner, for one mainland mobile. The code is kept only as an
 * HMAC: whoever reads the database cannot use an open invitation.
 */
export interface OwnerInvitationDocument {
  _id: string;
  householdId: string;
  phone: string;
  codeHash: string;
  expiresAt: Date;
  createdBy: string;
  createdAt: Date;
  /** Who confirmed it (single use); null while open. */
  usedBy: string | null;
  usedAt: Date | null;
}

const ownerInvitationSchema = new Schema<OwnerInvitationDocument>(
  {
    _id: { type: String, required: true },
    householdId: { type: String, required: true },
    phone: { type: String, required: true },
    codeHash: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    usedBy: { type: String, default: null },
    usedAt: { type: Date, default: null },
  },
  { versionKey: false },
);
ownerInvitationSchema.index({ phone: 1 });

export function ownerInvitationModel(connection: Connection): Model<OwnerInvitationDocument> {
  return (
    (connection.models.OwnerInvitation as Model<OwnerInvitationDocument> | undefined) ??
    connection.model<OwnerInvitationDocument>('OwnerInvitation', ownerInvitationSchema, 'owner_invitations')
  );
}
