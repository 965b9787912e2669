import type { OutboxDocument } from './outboxModel';

/**
 * How a send went. `channel` names what delivered ('wecom+sms', 'inbox'); an `error` beside a success
 * is a channel that refused while others delivered; a failure's `channel` lists those that delivered
 * already (they are not sent again on the retry).
 */
export type SendResult =
  | { ok: true; channel: string; error?: string }
  | { ok: false; permanent: boolean; error: string; channel?: string };

/** What a sender needs: kept in Redis beside the due entry, so a delivery reads nothing from MongoDB. */
export type OutgoingNotification = Pick<
  OutboxDocument,
  '_id' | 'recipientId' | 'template' | 'data' | 'attempts'
>;

/** Delivers one notification; a transient failure is retried with backoff, a permanent one is not. */
export interface NotificationSender {
  send(notification: OutgoingNotification): Promise<SendResult>;
}
