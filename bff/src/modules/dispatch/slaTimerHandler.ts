import { slaClockRunning } from '../../domain/ticketTransitions';
import type { CategoryCatalogue } from '../../domain/categories';
import { systemActor, type DispatchTickets, type TicketDocument } from '../tickets/dispatchPort';
import type { SlaTimerJob } from './slaTimers';
import type { StaffDirectory } from './staffDirectory';
import type { TicketDispatcher } from './ticketDispatcher';

/** What each SLA deadline does when it fires; each is conditional, so firing twice changes nothing. */
export function slaTimerHandler(deps: {
  tickets: DispatchTickets;
  dispatcher: TicketDispatcher;
  staff: StaffDirectory;
  categories: CategoryCatalogue;
}) {
  const escalate = async (ticket: TicketDocument, kind: 'warn' | 'breach') => {
    const flag = kind === 'warn' ? 'slaWarned' : 'slaBreached';
    if (ticket[flag] || !slaClockRunning(ticket.status)) return;
    const recipients = [
      ...(await deps.staff.squadLeaders(ticket.squadId)),
      ...(await deps.staff.dispatchers()),
    ];
    const category = deps.categories.get(ticket.category);
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
    if (ticket.slaRound !== job.sequence) return;
    await escalate(ticket, job.kind);
  };
}
