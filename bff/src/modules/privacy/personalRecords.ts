import type { Connection } from 'mongoose';
import { deviceModel } from '../devices/deviceModel';
import { escortModels } from '../escorts/escortModels';
import { householdModel } from '../households/householdModel';
import { readMarkModel } from '../notifications/inbox/readMarkModel';
import { outboxModel } from '../notifications/outboxModel';
import { receiptModel } from '../notifications/receiptModel';
import { subscriptionModel } from '../notifications/subscriptions/subscriptionModel';
import { idempotencyModel } from '../reports/idempotencyModel';
import { ticketModel } from '../tickets/ticketModel';
import { userModels } from '../users/userModel';

/**
 * Every MongoDB collection that holds something about a resident, volunteer, family member or owner
 * (the inventory is in docs/privacy.md): what 我的数据 reads and what deleting an account goes through.
 */
export function personalRecords(connection: Connection) {
  const { User, Identity } = userModels(connection);
  const { Elder, Volunteer, Escort } = escortModels(connection);
  return {
    User,
    Identity,
    Ticket: ticketModel(connection),
    Elder,
    Volunteer,
    Escort,
    Household: householdModel(connection),
    Device: deviceModel(connection),
    Outbox: outboxModel(connection),
    Receipt: receiptModel(connection),
    ReadMark: readMarkModel(connection),
    Subscription: subscriptionModel(connection),
    IdempotencyKey: idempotencyModel(connection),
  };
}

export type PersonalRecords = ReturnType<typeof personalRecords>;

/** A user's own report idempotency keys (`${userId}:${key}`): an anchored prefix, the id escaped. */
export const ownKeyPattern = (userId: string) =>
  new RegExp(`^${userId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`);

/** Escorts a person booked, served, or acted on (a family member's rating, cancel or SOS). */
export const escortsOf = (userId: string) => ({
  $or: [{ createdBy: userId }, { volunteerId: userId }, { 'timeline.actorId': userId }, { 'sos.by': userId }],
});
