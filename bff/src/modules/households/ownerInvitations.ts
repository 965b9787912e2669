import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Connection } from 'mongoose';
import { conflict, unprocessable } from '../../http/httpError';
import type { RateLimit } from '../../http/rateLimit';
import type { Clock } from '../../infra/clock';
import { ownerInvitationModel, type OwnerInvitationDocument } from './ownerInvitationModel';

/** Long enough for a staff member to pass the code on by phone and the owner to get to it. */
export const invitationLifetimeMs = 72 * 3600 * 1000;

/**
 * Wrong codes one user may type per window: with 6 digits, a user guessing for a day has about a
 * 1-in-2,000 chance against one open invitation.
 */
export const invitationGuessLimit = { attempts: 5, windowSeconds: 15 * 60 } as const;

const wrongCode = () => unprocessable('手机号或验证码不正确，或邀请已过期');

/**
 * Owner invitations: a 6-digit code for one household and one mobile, expiring, single use. Wrong codes
 * count against the one who types them (`guesses`, per user), never against the phone or the
 * invitation, so nobody can lock the real owner out by guessing.
 */
export function ownerInvitations(deps: {
  connection: Connection;
  clock: Clock;
  /** Keys the codes' HMAC. */
  secret: string;
  guesses: RateLimit;
}) {
  const invitations = ownerInvitationModel(deps.connection);
  const hashOf = (invitationId: string, code: string) =>
    createHmac('sha256', deps.secret).update(`${invitationId}:${code}`).digest('hex');
  const matches = (invitation: OwnerInvitationDocument, code: string) => {
    const expected = Buffer.from(invitation.codeHash, 'hex');
    const actual = Buffer.from(hashOf(invitation._id, code), 'hex');
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  };

  return {
    /** A new code for the phone; an earlier open invitation of the same household and phone stops working. */
    async create(householdId: string, phone: string, createdBy: string) {
      const now = deps.clock.now();
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const id = randomBytes(12).toString('hex');
      await invitations.deleteMany({ householdId, phone, usedBy: null });
      const expiresAt = new Date(now.getTime() + invitationLifetimeMs);
      await invitations.create({
        _id: id,
        householdId,
        phone,
        codeHash: hashOf(id, code),
        expiresAt,
        createdBy,
        createdAt: now,
        usedBy: null,
        usedAt: null,
      });
      return { code, expiresAt };
    },

    /**
     * Uses the invitation the phone and code name, for `userId`; returns its household. Confirming again
     * an invitation the same user already used returns it again (a retried request).
     */
    async confirm(phone: string, code: string, userId: string): Promise<string> {
      await deps.guesses.consume(userId);
      const now = deps.clock.now();
      const candidates = await invitations
        .find({ phone, $or: [{ usedBy: null, expiresAt: { $gt: now } }, { usedBy: userId }] })
        .sort({ createdAt: -1 })
        .limit(20)
        .lean<OwnerInvitationDocument[]>();
      const invitation = candidates.find((candidate) => matches(candidate, code));
      if (!invitation) throw wrongCode();
      await deps.guesses.refund(userId);
      if (invitation.usedBy === userId) return invitation.householdId;
      const taken = await invitations.updateOne(
        { _id: invitation._id, usedBy: null },
        { $set: { usedBy: userId, usedAt: now } },
      );
      if (taken.modifiedCount === 0) {
        // Someone else's request won the race (or this user's own retry: then it is theirs).
        const after = await invitations.findById(invitation._id).lean<OwnerInvitationDocument>();
        if (after?.usedBy !== userId) throw conflict('该邀请已被使用');
      }
      return invitation.householdId;
    },
  };
}

export type OwnerInvitations = ReturnType<typeof ownerInvitations>;
