/**
 * What a reporter (a resident following a ticket, perhaps one they joined) may see of its timeline.
 * Staff see everything. A reporter sees the shared milestones by role only: never who else reported,
 * which officer was sent or why an officer refused, nor the internal reasons of dispatch and transfer.
 * Their own steps (their report, reopening, rating) they see in full.
 */
export const reporterMilestones: Readonly<Record<string, { reason: boolean }>> = {
  report: { reason: false },
  report_joined: { reason: false },
  device_alarm: { reason: false },
  device_evidence: { reason: false },
  assign: { reason: false },
  queue: { reason: false },
  accept: { reason: false },
  check_in: { reason: false },
  transfer: { reason: false },
  resolve: { reason: true },
  confirm: { reason: false },
  reopen: { reason: false },
};
// Staff-only (absent above, as is any action added later until it is listed): reject, accept_timeout,
// officer_disabled, sla_warning, sla_breached, and another reporter's rate.

export interface DisclosableEntry {
  action: string;
  actorId: string | null;
  actorRole: string | null;
  actorName?: string | null;
  reason?: string;
  details?: Record<string, unknown>;
}

/** The timeline as a reporter sees it: public milestones without names, ids or details, and their own steps. */
export function reporterTimeline<Entry extends DisclosableEntry>(
  entries: readonly Entry[],
  reporterId: string,
): Entry[] {
  return entries.flatMap((entry) => {
    if (entry.actorId !== null && entry.actorId === reporterId) return [entry];
    if (!Object.hasOwn(reporterMilestones, entry.action)) return [];
    const shown: Entry = { ...entry, actorId: null, actorName: null };
    delete shown.details;
    if (!reporterMilestones[entry.action]?.reason) delete shown.reason;
    return [shown];
  });
}
