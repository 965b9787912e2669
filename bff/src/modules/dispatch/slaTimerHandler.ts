import { slaClockRunning } from '../../domain/ticketTransitions';
import type { CategoryCatalogue } from '../../domain/categories';
import { categoryOfTicket } from '../../domain/ticketCategory';
import type { Clock } from '../../infra/clock';
import { systemActor, type DispatchTickets, type TicketDocument } from '../tickets/dispatchPort';
import type { SlaTimerJob } from './slaTimers';
import type { StaffDirectory } from './staffDirectory';
import type { TicketDispatcher } from './ticketDispatcher';

/** Whether any of the recipients has read a notification about the ticket sent to them since `since`. */
export interface NotificationReads {
  anyReadAbout(recipientIds: readonly string[], ticketId: string, since: Date): Promise<boolean>;
}

/** What each SLA deadline does when it fires; each is conditional, so firing twice changes nothing. */
export function slaTimerHandler(deps: {
  tickets: DispatchTickets;
  dispatcher: TicketDispatcher;
  staff: StaffDirectory;
  categories: CategoryCatalogue;
  reads: NotificationReads;
  clock: Clock;
}) {
  /**
   * A new assignment neither read nor accepted: first the squad leader hears of it, then (their alert
   * unread too) the dispatchers. Read, or accepted, or past its accept deadline (which moves the ticket
   * on): nothing more. The timeline shows each step.
   */
  const escalateUnread = async (ticket: TicketDocument, level: 'leader' | 'dispatcher') => {
    const pendingAt =
      level === 'leader' ? ticket.deadlines.escalateToLeaderAt : ticket.deadlines.escalateToDispatcherAt;
    const acceptBy = ticket.deadlines.acceptBy;
    if (ticket.status !== 'assigned' || !ticket.assigneeId || !pendingAt || !acceptBy) return;
    // Past its accept deadline the ticket moves on (the accept timeout): nothing to tell anyone.
    if (deps.clock.now().getTime() >= acceptBy.getTime()) return;
    const leaders = await deps.staff.squadLeaders(ticket.squadId);
    const recipients = level === 'leader' ? leaders : await deps.staff.dispatchers();
    // Nobody to tell: nothing to write either (a sweep that fires it again finds the same).
    if (!recipients.length) return;
    // Read since the assignment (the officer) or since the leaders were told (the leaders).
    const since =
      ticket.timeline.findLast((entry) =>
        level === 'leader' ? entry.action === 'assign' : entry.action === 'unread_escalated',
      )?.at ?? ticket.updatedAt;
    const read = await deps.reads.anyReadAbout(
      level === 'leader' ? [ticket.assigneeId] : leaders,
      ticket._id,
      since,
    );
    const escalate = !read;
    // Handled either way; once the officer has read it, the dispatchers are not needed either.
    const handled =
      level === 'leader' && read
        ? { ...ticket.deadlines, escalateToLeaderAt: null, escalateToDispatcherAt: null }
        : level === 'leader'
          ? { ...ticket.deadlines, escalateToLeaderAt: null }
          : { ...ticket.deadlines, escalateToDispatcherAt: null };
    const category = categoryOfTicket(ticket, deps.categories);
    const officerName = (await deps.staff.nameOf(ticket.assigneeId)) ?? '队员';
    const updated = await deps.tickets.applyChange(ticket, {
      action: escalate ? 'unread_escalated' : 'unread_checked',
      to: ticket.status,
      actor: systemActor,
      reason: escalate
        ? level === 'leader'
          ? `${officerName}未查看新工单，已提醒中队长`
          : '中队长未处理，已提醒调度员'
        : '通知已查看',
      set: { deadlines: handled },
      notify: escalate
        ? [...new Set(recipients)].map((recipientId) => ({
            recipientId,
            template: 'assignment_unread' as const,
            data: { ticketId: ticket._id, category: category.name, address: ticket.address, officerName },
          }))
        : [],
    });
    if (updated) await deps.dispatcher.afterChange(updated);
    else {
      const fresh = await deps.tickets.findById(ticket._id);
      if (fresh && fresh.assignmentSeq === ticket.assignmentSeq) await escalateUnread(fresh, level);
    }
  };

  const escalate = async (ticket: TicketDocument, kind: 'warn' | 'breach') => {
    const flag = kind === 'warn' ? 'slaWarned' : 'slaBreached';
    if (ticket[flag] || !slaClockRunning(ticket.status)) return;
    const recipients = [
      ...(await deps.staff.squadLeaders(ticket.squadId)),
      ...(await deps.staff.dispatchers()),
    ];
    const category = categoryOfTicket(ticket, deps.categories);
    const updated = await deps.tickets.applyChange(ticket, {
      action: kind === 'warn' ? 'sla_warning' : 'sla_breached',
      to: ticket.status,
      actor: systemActor,
      reason: kind === 'warn' ? '即将超时：尚无队员到场' : `超过 ${category.onSiteSlaMinutes} 分钟未到场`,
      set: { [flag]: true },
      notify: [...new Set(recipients)].map((recipientId) => ({
        recipientId,
        template: kind === 'warn' ? 'sla_warning' : 'sla_breached',
        data: { ticketId: ticket._id, category: category.name, address: ticket.address },
      })),
    });
    if (updated) await deps.dispatcher.afterChange(updated);
    else {
      // Lost a race with another change: look again with the new state.
      const fresh = await deps.tickets.findById(ticket._id);
      if (fresh && fresh.slaRound === ticket.slaRound) await escalate(fresh, kind);
    }
  };

  return async (job: SlaTimerJob): Promise<void> => {
    const ticket = await deps.tickets.findById(job.ticketId);
    if (!ticket) return;
    if (job.kind === 'accept') {
      if (ticket.status !== 'assigned' || ticket.assignmentSeq !== job.sequence || !ticket.assigneeId) return;
      await deps.dispatcher.dispatch(ticket._id, {
        reason: '接单超时，自动改派',
        refusal: { officerId: ticket.assigneeId, action: 'accept_timeout', reason: '3 分钟内未接单' },
      });
      return;
    }
    if (job.kind === 'unread_leader' || job.kind === 'unread_dispatcher') {
      if (ticket.assignmentSeq !== job.sequence) return;
      await escalateUnread(ticket, job.kind === 'unread_leader' ? 'leader' : 'dispatcher');
      return;
    }
    if (ticket.slaRound !== job.sequence) return;
    await escalate(ticket, job.kind);
  };
}
