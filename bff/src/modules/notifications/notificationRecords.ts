import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import {
  notificationTemplateSpec,
  type NotificationRecord,
  type NotificationRecordList,
  type NotificationRecordQuery,
} from '@jiefang/contracts';
import type { UserModels } from '../users/userModel';
import { mergedState, outboxKeys, type NotificationState } from './notificationOutbox';
import { outboxModel, type OutboxDocument } from './outboxModel';
import { receiptModel, type ReceiptDocument } from './receiptModel';

function recordOf(state: NotificationState, names: Map<string, string>): NotificationRecord {
  const status = state.status === 'refused' ? 'failed' : state.status === 'sent' ? 'sent' : 'pending';
  return {
    id: state._id,
    template: state.template,
    title: notificationTemplateSpec(state.template)?.title ?? null,
    recipientId: state.recipientId,
    recipientName: names.get(state.recipientId) ?? null,
    status,
    channels: state.channel ? state.channel.split('+') : [],
    attempts: state.attempts,
    lastError: state.lastError,
    createdAt: state.createdAt.toISOString(),
    sentAt: state.sentAt?.toISOString() ?? null,
    nextAttemptAt: state.nextAttemptAt?.toISOString() ?? null,
  };
}

/**
 * The notification records admins and dispatchers page through: every outbox document with its
 * outcome, newest first; failed and sent ones through their receipts, pending ones through the due
 * queue in Redis (soonest attempt first).
 */
export function notificationRecords(deps: { connection: Connection; redis: Redis; users: UserModels }) {
  const Outbox = outboxModel(deps.connection);
  const Receipts = receiptModel(deps.connection);

  const page = async (ids: string[]): Promise<NotificationState[]> => {
    if (!ids.length) return [];
    const [documents, receipts] = await Promise.all([
      Outbox.find({ _id: { $in: ids } }).lean<OutboxDocument[]>(),
      Receipts.find({ _id: { $in: ids } }).lean<ReceiptDocument[]>(),
    ]);
    const documentOf = new Map(documents.map((document) => [document._id, document]));
    const receiptOf = new Map(receipts.map((receipt) => [receipt._id, receipt]));
    return ids.flatMap((id) => {
      const document = documentOf.get(id);
      return document ? [mergedState(document, receiptOf.get(id))] : [];
    });
  };

  const idsAndTotal = async (query: NotificationRecordQuery): Promise<{ ids: string[]; total: number }> => {
    if (query.status === 'pending') {
      const [ids, total] = await Promise.all([
        deps.redis.zrange(outboxKeys.due, query.offset, query.offset + query.limit - 1),
        deps.redis.zcard(outboxKeys.due),
      ]);
      return { ids, total };
    }
    if (query.status) {
      const filter = { status: query.status === 'failed' ? 'refused' : 'sent' };
      const [receipts, total] = await Promise.all([
        Receipts.find(filter, { _id: 1 })
          .sort({ at: -1, _id: -1 })
          .skip(query.offset)
          .limit(query.limit)
          .lean<Array<Pick<ReceiptDocument, '_id'>>>(),
        Receipts.countDocuments(filter),
      ]);
      return { ids: receipts.map((receipt) => receipt._id), total };
    }
    const [documents, total] = await Promise.all([
      Outbox.find({}, { _id: 1 })
        .sort({ createdAt: -1, _id: -1 })
        .skip(query.offset)
        .limit(query.limit)
        .lean<Array<Pick<OutboxDocument, '_id'>>>(),
      Outbox.estimatedDocumentCount(),
    ]);
    return { ids: documents.map((document) => document._id), total };
  };

  return {
    async list(query: NotificationRecordQuery): Promise<NotificationRecordList> {
      const { ids, total } = await idsAndTotal(query);
      const states = await page(ids);
      const recipientIds = [...new Set(states.map((state) => state.recipientId))];
      const users = recipientIds.length
        ? await deps.users.User.find({ _id: { $in: recipientIds } }, { name: 1 }).lean()
        : [];
      const names = new Map(users.map((user) => [user._id, user.name]));
      return { items: states.map((state) => recordOf(state, names)), total };
    },
  };
}

export type NotificationRecords = ReturnType<typeof notificationRecords>;
