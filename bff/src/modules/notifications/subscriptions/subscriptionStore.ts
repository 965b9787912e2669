import type { Connection } from 'mongoose';
import type { NotificationTemplate, SubscriptionAnswer } from '@jiefang/contracts';
import type { Clock } from '../../../infra/clock';
import type { DocumentLocks } from '../../../infra/documentLocks';
import { subscriptionId, subscriptionModel, type SubscriptionDocument } from './subscriptionModel';

/** Batches remembered per subscription: a client retries the last few, never one from long ago. */
const rememberedBatches = 20;

/**
 * The port the WeChat channel uses before each message: takes one send credit of the user's
 * subscription to the template, or answers false when there is none (then WeChat would refuse it).
 * Throws when the store cannot answer (MongoDB away, the lock busy): the sender should retry later.
 */
export interface SubscriptionCredits {
  consume(userId: string, template: string): Promise<boolean>;
}

/** What an answer does to the credits: an acceptance adds one, a ban ends them, a refusal keeps them. */
export function creditsAfter(credits: number, answer: SubscriptionAnswer): number {
  if (answer === 'accept') return credits + 1;
  if (answer === 'ban') return 0;
  return credits;
}

/**
 * Users' answers to WeChat's subscription requests and the credits they give. Every write to a
 * subscription runs under its document lock: FerretDB v1 can let two conditional updates of one
 * document both succeed, and a credit must be taken once.
 */
export function subscriptionStore(deps: { connection: Connection; locks: DocumentLocks; clock: Clock }) {
  const Subscriptions = subscriptionModel(deps.connection);
  const lockKey = (id: string) => `notification-subscription:${id}`;

  return {
    /** The user's subscriptions to these templates (by `_id`, so no scan); absent ones were never asked. */
    async of(userId: string, templates: readonly string[]): Promise<Map<string, SubscriptionDocument>> {
      const found = await Promise.all(
        templates.map((template) =>
          Subscriptions.findById(subscriptionId(userId, template)).lean<SubscriptionDocument>().exec(),
        ),
      );
      return new Map(found.flatMap((document) => (document ? [[document.template, document]] : [])));
    },

    /** Records one batch of answers; a batch applied before changes nothing. */
    async record(
      userId: string,
      batchId: string,
      answers: ReadonlyArray<{ template: NotificationTemplate; answer: SubscriptionAnswer }>,
    ): Promise<void> {
      const latest = new Map(answers.map(({ template, answer }) => [template, answer]));
      for (const [template, answer] of latest) {
        const id = subscriptionId(userId, template);
        await deps.locks.withLock(lockKey(id), async () => {
          const now = deps.clock.now();
          const existing = await Subscriptions.findById(id).lean<SubscriptionDocument>().exec();
          if (existing?.batches.includes(batchId)) return;
          const changes = {
            answer,
            answeredAt: now,
            credits: creditsAfter(existing?.credits ?? 0, answer),
            batches: [...(existing?.batches ?? []), batchId].slice(-rememberedBatches),
          };
          if (existing) await Subscriptions.updateOne({ _id: id }, { $set: changes }).exec();
          else await Subscriptions.create({ _id: id, userId, template, consumedAt: null, ...changes });
        });
      }
    },

    credits: {
      async consume(userId: string, template: string): Promise<boolean> {
        const id = subscriptionId(userId, template);
        return deps.locks.withLock(lockKey(id), async () => {
          const taken = await Subscriptions.findOneAndUpdate(
            { _id: id, credits: { $gt: 0 } },
            { $inc: { credits: -1 }, $set: { consumedAt: deps.clock.now() } },
          )
            .lean()
            .exec();
          return taken !== null;
        });
      },
    } satisfies SubscriptionCredits,
  };
}

export type SubscriptionStore = ReturnType<typeof subscriptionStore>;
