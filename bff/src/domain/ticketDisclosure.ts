/**
 * What a reporter (a resident following a ticket, perhaps one they joined) may see of its timeline:
 * milestones only — 上报, 已派单, 已接单, 已到场, 已办结, 已确认, 已关闭 (with why) and 重新处理. Everything
 * else is the staff's working: reassignments, refusals, missed accept deadlines, queueing, transfers,
 * escalations and SLA warnings, device evidence, other reporters' joins and ratings. Shown milestones
 * carry no names, ids or details; only the reasons meant for residents (the resolution note, why it
 * was closed, their own reopening reason) stay.
 */
export const reporterMilestones: Readonly<Record<string, { reason: boolean; oncePerRound?: true }>> = {
  report: { reason: false },
  // The first assignment and acceptance of a round: a reassignment is not news to a resident.
  assign: { reason: false, oncePerRound: true },
  accept: { reason: false, oncePerRound: true },
  check_in: { reason: false },
  resolve: { reason: true },
  confirm: { reason: false },
  close: { reason: true },
  // Starts a new round; another reporter's reasons are theirs, so only the step is shown.
  reopen: { reason: false },
};

/** A reporter's own steps that are milestones of theirs (their joining report is their 上报). */
const ownMilestones: ReadonlySet<string> = new Set(['report', 'report_joined', 'confirm', 'reopen']);

// Staff-only (absent above, as is any action added later until it is listed): queue, transfer, reject,
// accept_timeout, officer_disabled, unread_escalated, unread_checked, sla_warning, sla_breached,
// device_alarm, device_evidence, duplicate_merged, rate, and another reporter's report_joined.

export interface DisclosableEntry {
  action: string;
  actorId: string | null;
  actorRole: string | null;
  actorName?: string | null;
  reason?: string;
  details?: Record<string, unknown>;
}

/** The timeline as a reporter sees it: milestones without names, ids or details, and their own steps. */
export function reporterTimeline<Entry extends DisclosableEntry>(
  entries: readonly Entry[],
  reporterId: string,
): Entry[] {
  // Actions already shown in the current round (a reopening starts the next).
  let shownThisRound = new Set<string>();
  return entries.flatMap((entry) => {
    if (entry.action === 'reopen') shownThisRound = new Set();
    if (entry.actorId !== null && entry.actorId === reporterId)
      return ownMilestones.has(entry.action) ? [entry] : [];
    if (!Object.hasOwn(reporterMilestones, entry.action)) return [];
    const rule = reporterMilestones[entry.action];
    if (rule?.oncePerRound) {
      if (shownThisRound.has(entry.action)) return [];
      shownThisRound.add(entry.action);
    }
    const shown: Entry = { ...entry, actorId: null, actorName: null };
    delete shown.details;
    if (!rule?.reason) delete shown.reason;
    return [shown];
  });
}
