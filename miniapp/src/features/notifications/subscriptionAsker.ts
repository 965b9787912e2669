import type { NotificationTemplate } from '@jiefang/contracts';
import type { NotificationsApi } from '../../api/notifications';
import { answersFromWechat, planSubscriptions, type SubscriptionPlan } from './subscriptions';

/** What can be asked here: nothing outside WeChat, nothing this deployment has WeChat ids for, or a plan. */
export type PlanOutcome =
  | { kind: 'unsupported' }
  | { kind: 'unavailable' }
  | { kind: 'ready'; plan: SubscriptionPlan }
  | { kind: 'failed'; message: string };

export type AskOutcome =
  | {
      kind: 'answered';
      accepted: NotificationTemplate[];
      refused: NotificationTemplate[];
      /** False when the BFF could not be told (after retries): the acceptances give no credit then. */
      recorded: boolean;
    }
  | { kind: 'failed'; reason: 'switched_off' | 'refused' | 'error' };

export interface SubscriptionAskerDeps {
  /** WeChat subscriptions exist in the mini-program only (not in H5). */
  supported: boolean;
  api: Pick<NotificationsApi, 'subscriptions' | 'recordSubscriptions'>;
  /** wx.requestSubscribeMessage: resolves with `{ [wechatTemplateId]: answer }`, rejects with `errCode`. */
  requestSubscribeMessage: (wechatTemplateIds: string[]) => Promise<Record<string, unknown>>;
  newBatchId: () => string;
  describe: (error: unknown) => string;
  /** Tries to record one batch this many times (the same batch id each time). */
  recordAttempts?: number;
}

/** WeChat's error code when the user turned subscription messages off in the mini-program's settings. */
const subscriptionsSwitchedOff = 20004;

/**
 * Asking for WeChat subscriptions, in two steps because WeChat shows its dialog only from a tap:
 * `plan` (when the screen opens) reads the WeChat ids from the BFF, and `ask` (in the tap handler)
 * calls requestSubscribeMessage before waiting for anything, then records the answers.
 */
export function createSubscriptionAsker(deps: SubscriptionAskerDeps) {
  const attempts = Math.max(1, deps.recordAttempts ?? 3);

  const record = async (plan: SubscriptionPlan, result: Record<string, unknown>) => {
    const answers = answersFromWechat(plan, result);
    if (!answers.length) return { answers, recorded: true };
    const batchId = deps.newBatchId();
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      try {
        await deps.api.recordSubscriptions({ batchId, answers });
        return { answers, recorded: true };
      } catch {
        // The same batch again: the BFF applies it once however many times it arrives.
      }
    }
    return { answers, recorded: false };
  };

  const asker = {
    async plan(templates: readonly NotificationTemplate[]): Promise<PlanOutcome> {
      if (!deps.supported) return { kind: 'unsupported' };
      try {
        const plan = planSubscriptions(templates, await deps.api.subscriptions());
        return plan.templates.length ? { kind: 'ready', plan } : { kind: 'unavailable' };
      } catch (error) {
        return { kind: 'failed', message: deps.describe(error) };
      }
    },

    /** Call straight from the tap: nothing is awaited before WeChat's dialog. */
    async ask(plan: SubscriptionPlan): Promise<AskOutcome> {
      let result: Record<string, unknown>;
      try {
        result = await deps.requestSubscribeMessage(plan.templates.map((item) => item.wechatTemplateId));
      } catch (error) {
        const code = (error as { errCode?: unknown } | null)?.errCode;
        return { kind: 'failed', reason: code === subscriptionsSwitchedOff ? 'switched_off' : 'error' };
      }
      const { answers, recorded } = await record(plan, result);
      return {
        kind: 'answered',
        accepted: answers.filter((item) => item.answer === 'accept').map((item) => item.template),
        refused: answers.filter((item) => item.answer !== 'accept').map((item) => item.template),
        recorded,
      };
    },

    /** Plan and ask at once, for a caller already inside a tap that has not planned (may lose the tap). */
    async askForSubscriptions(templates: readonly NotificationTemplate[]): Promise<PlanOutcome | AskOutcome> {
      const planned = await asker.plan(templates);
      return planned.kind === 'ready' ? asker.ask(planned.plan) : planned;
    },
  };
  return asker;
}

export type SubscriptionAsker = ReturnType<typeof createSubscriptionAsker>;
