import { useCallback, useEffect, useRef, useState } from 'react';
import type { NotificationTemplate } from '@jiefang/contracts';
import { subscriptionAsker } from './notificationServices';
import type { AskOutcome, PlanOutcome } from './subscriptionAsker';

export interface SubscriptionAsk {
  /** Undefined while the WeChat ids are read. */
  planned: PlanOutcome | undefined;
  asking: boolean;
  /** The last answer; a failure may be tried again (the plan is kept). */
  outcome: AskOutcome | undefined;
  /** From a tap: WeChat's dialog, then the answers recorded. */
  ask(): void;
}

/** Plans the request when mounted, so that the tap can show WeChat's dialog at once. */
export function useSubscriptionAsk(templates: readonly NotificationTemplate[]): SubscriptionAsk {
  const [planned, setPlanned] = useState<PlanOutcome | undefined>(undefined);
  const [asking, setAsking] = useState(false);
  const [outcome, setOutcome] = useState<AskOutcome | undefined>(undefined);
  const live = useRef(true);
  const key = templates.join(',');

  useEffect(() => {
    live.current = true;
    void subscriptionAsker.plan(key.split(',') as NotificationTemplate[]).then((result) => {
      if (live.current) setPlanned(result);
    });
    return () => {
      live.current = false;
    };
  }, [key]);

  const ask = useCallback(() => {
    if (planned?.kind !== 'ready' || asking) return;
    setAsking(true);
    void subscriptionAsker.ask(planned.plan).then((result) => {
      if (!live.current) return;
      setOutcome(result);
      setAsking(false);
    });
  }, [planned, asking]);

  return { planned, asking, outcome, ask };
}
