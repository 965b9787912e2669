import type { Alarm, Role, Ticket } from '@jiefang/contracts';

/** What rings: the moments a person at the console must not miss. */
export type AlertKind = 'new_assignment' | 'manual_dispatch' | 'sla_warning' | 'sla_breached' | 'smoke_alarm';

export interface StaffAlert {
  /** One alert per step of one document: the same step heard twice rings once. */
  key: string;
  kind: AlertKind;
  /** What it is about, for the title and body. */
  subject: string;
  place: string;
  /** Where clicking it leads in the panel. */
  path: string;
  /** Stays on screen until dismissed (a breach, smoke). */
  urgent: boolean;
}

/** Who is watching: the signed-in person. */
export interface Watcher {
  userId: string;
  roles: readonly Role[];
  squadId?: string;
}

/** The people the alerts are for; others (admins, community workers) see the same changes without a ring. */
export const alertedRoles: readonly Role[] = ['officer', 'squad_leader', 'dispatcher'];

export const watchesAlerts = (watcher: Watcher): boolean =>
  watcher.roles.some((role) => alertedRoles.includes(role));

const patrols = (watcher: Watcher) =>
  watcher.roles.includes('officer') || watcher.roles.includes('squad_leader');

/** Dispatchers, and a squad leader for their own squad's tickets: they act on queues and late tickets. */
const dispatchesFor = (watcher: Watcher, ticket: Pick<Ticket, 'squadId'>) =>
  watcher.roles.includes('dispatcher') ||
  (watcher.roles.includes('squad_leader') && Boolean(watcher.squadId) && watcher.squadId === ticket.squadId);

/**
 * The alerts one pushed ticket raises for the watcher: its timeline steps after `seenSteps` (how many
 * the watcher had already seen of it; for a ticket never seen, only the latest step, the change that was
 * pushed). An officer hears of a ticket assigned to them; dispatchers of a ticket left for manual
 * dispatch, and of SLA warnings and breaches.
 */
export function ticketAlerts(ticket: Ticket, seenSteps: number | undefined, watcher: Watcher): StaffAlert[] {
  const fresh =
    seenSteps === undefined ? ticket.timeline.slice(-1) : ticket.timeline.slice(Math.max(0, seenSteps));
  const alerts: StaffAlert[] = [];
  const base = { subject: ticket.categoryName, place: ticket.address || ticket.streetName || '' };
  // The queue opens the ticket's drawer from the URL.
  const inQueue = `/tickets?ticket=${encodeURIComponent(ticket.id)}`;
  for (const step of fresh) {
    const key = `ticket:${ticket.id}:${step.action}:${step.at}`;
    if (step.action === 'assign' && ticket.assigneeId === watcher.userId && ticket.status === 'assigned') {
      if (patrols(watcher))
        alerts.push({ ...base, key, kind: 'new_assignment', path: '/officer', urgent: false });
    } else if (
      step.action === 'queue' &&
      ticket.status === 'dispatch_queue' &&
      dispatchesFor(watcher, ticket)
    ) {
      alerts.push({ ...base, key, kind: 'manual_dispatch', path: inQueue, urgent: false });
    } else if (step.action === 'sla_warning' && dispatchesFor(watcher, ticket)) {
      alerts.push({ ...base, key, kind: 'sla_warning', path: inQueue, urgent: false });
    } else if (step.action === 'sla_breached' && dispatchesFor(watcher, ticket)) {
      alerts.push({ ...base, key, kind: 'sla_breached', path: inQueue, urgent: true });
    }
  }
  return alerts;
}

/** A smoke alarm that just opened rings for everyone alerted who sees it (the stream sends only those). */
export function alarmAlerts(alarm: Alarm, seenSteps: number | undefined, watcher: Watcher): StaffAlert[] {
  if (alarm.type !== 'smoke' || alarm.status !== 'active' || !watchesAlerts(watcher)) return [];
  const fresh =
    seenSteps === undefined ? alarm.timeline.slice(-1) : alarm.timeline.slice(Math.max(0, seenSteps));
  const opened = fresh.find((step) => step.action === 'opened');
  if (!opened) return [];
  return [
    {
      key: `alarm:${alarm.id}:opened`,
      kind: 'smoke_alarm',
      subject: alarm.site ?? alarm.deviceId,
      place: alarm.streetName ?? '',
      path: `/alarms?alarm=${encodeURIComponent(alarm.id)}`,
      urgent: true,
    },
  ];
}

/**
 * Remembers how much of each pushed document the tab has seen, and which alerts it raised, so a step
 * rings once however often the document is pushed again. Bounded: the oldest are forgotten.
 */
export function createAlertTracker(limit = 500) {
  const seen = new Map<string, number>();
  const raised = new Set<string>();
  const remember = (id: string, steps: number) => {
    seen.delete(id);
    seen.set(id, steps);
    if (seen.size > limit) seen.delete(seen.keys().next().value as string);
  };
  const fresh = (alerts: StaffAlert[]) =>
    alerts.filter((alert) => {
      if (raised.has(alert.key)) return false;
      raised.add(alert.key);
      if (raised.size > limit * 4) raised.delete(raised.values().next().value as string);
      return true;
    });
  return {
    ticket(ticket: Ticket, watcher: Watcher): StaffAlert[] {
      const alerts = ticketAlerts(ticket, seen.get(`ticket:${ticket.id}`), watcher);
      remember(`ticket:${ticket.id}`, ticket.timeline.length);
      return fresh(alerts);
    },
    alarm(alarm: Alarm, watcher: Watcher): StaffAlert[] {
      const alerts = alarmAlerts(alarm, seen.get(`alarm:${alarm.id}`), watcher);
      remember(`alarm:${alarm.id}`, alarm.timeline.length);
      return fresh(alerts);
    },
  };
}

export type AlertTracker = ReturnType<typeof createAlertTracker>;
