import { Schema, type Connection, type Model } from 'mongoose';
import { subscriptionAnswers, type SubscriptionAnswer } from '@jiefang/contracts';

/** One user's WeChat subscription to one of our templates. */
export interface SubscriptionDocument {
  /** `${userId}:${template}`: every access is by `_id`. */
  _id: string;
  userId: string;
  template: string;
  answer: SubscriptionAnswer;
  answeredAt: Date;
  /** One-time subscriptions: each acceptance allows one message, each message sent takes one. */
  credits: number;
  /** The latest answer batches applied (client ids), so that a batch sent again adds nothing. */
  batches: string[];
  consumedAt: Date | null;
}

const subscriptionSchema = new Schema<SubscriptionDocument>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    template: { type: String, required: true },
    answer: { type: String, enum: subscriptionAnswers, required: true },
    answeredAt: { type: Date, required: true },
    credits: { type: Number, required: true, min: 0 },
    batches: { type: [String], default: [] },
    consumedAt: { type: Date, default: null },
  },
  { versionKey: false },
);

export const subscriptionId = (userId: string, template: string) => `${userId}:${template}`;

export function subscriptionModel(connection: Connection): Model<SubscriptionDocument> {
  return (
    (connection.models.NotificationSubscription as Model<SubscriptionDocument> | undefined) ??
    connection.model<SubscriptionDocument>(
      'NotificationSubscription',
      subscriptionSchema,
      'notification_subscriptions',
    )
  );
}
