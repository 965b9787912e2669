import type { Clock } from '../../infra/clock';
import type { Logger } from '../../infra/logger';
import { rankOfficers, type RankedOfficer } from '../../domain/dispatchRanking';
import { assignmentSlaDeadlines, slaDeadlines } from '../../domain/slaDeadlines';
import { allows } from '../../domain/statusTransitions';
import { ticketTransitions } from '../../domain/ticketTransitions';
import type { CategoryCatalogue } from '../../domain/categories';
import { categoryOfTicket } from '../../domain/ticketCategory';
import type { OfficerPresence } from '../officers/officerPresence';
import type { RosterStore } from '../rosters/rosterStore';
import {
  systemActor,
  type DispatchContext,
  type DispatchTickets,
  type TicketChange,
  type TicketDocument,
  type TimelineRecord,
} from '../tickets/dispatchPort';
import type { SlaTimers } from './slaTimers';
import type { StaffDirectory } from './staffDirectory';

export type { DispatchContext } from '../tickets/dispatchPort';

export interface TicketDispatcherDeps {
  tickets: DispatchTickets;
  presence: OfficerPresence;
  /** Squads that dispatch by roster offer only the officers of the shift on now. */
  shifts: Pick<RosterStore, 'rosteredNow'>;
  staff: StaffDirectory;
  categories: CategoryCatalogue;
  timers: SlaTimers;
  clock: Clock;
  logger: Logger;
  timeScale: number;
  /** Called after every change that was applied, e.g. to publish it to live queues. */
  onChange: (ticket: TicketDocument) => void;
}

/**
 * Assigns a ticket to the officer who can be on site soonest: inside the responsible squad first,
 * then neighbouring squads, else the dispatcher queue (never dropped). Each outcome is one
 * conditional update; a lost race re-reads the ticket and tries again.
 */
export function ticketDispatcher(deps: TicketDispatcherDeps) {
  const { tickets, clock } = deps;

  /**
   * The officer of the responsible squad who can be on site soonest, ring by ring (200 m first), so a
   * busy district costs a look at the few officers near the site; else the best of a neighbouring squad.
   */
  const chooseOfficer = async (
    ticket: TicketDocument,
    excluded: Set<string>,
  ): Promise<(RankedOfficer & { name: string | null }) | null> => {
    const now = clock.now();
    const candidates = await deps.presence.candidatesNear(ticket.location, {
      squadId: ticket.squadId,
      excluded,
      onShift: await deps.shifts.rosteredNow(now.getTime()),
    });
    const rank = (inSquad: boolean) =>
      rankOfficers(
        candidates.filter((officer) => (officer.squadId === ticket.squadId) === inSquad),
        ticket.location,
        now,
        excluded,
      ).ranked[0];
    const withName = (officer: RankedOfficer | undefined) =>
      officer
        ? { ...officer, name: candidates.find((c) => c.officerId === officer.officerId)?.name ?? null }
        : null;
    const own = rank(true);
    if (own) return withName(own);
    // Outside every street there is no responsible squad: a person decides.
    if (ticket.routing !== 'single') return null;
    return withName(rank(false));
  };

  /** The change kernel has relayed the change's own notifications: what is left is to announce it. */
  const afterChange = async (ticket: TicketDocument) => {
    deps.onChange(ticket);
  };

  /** The change that dispatching would make, or null when there is nothing to change. */
  const planDispatch = async (
    ticket: TicketDocument,
    context: DispatchContext,
  ): Promise<TicketChange | null> => {
    // Dispatching assigns the ticket or queues it for a dispatcher: both start from the same statuses.
    if (
      !allows(ticketTransitions, 'assign', ticket.status) ||
      !allows(ticketTransitions, 'queue', ticket.status)
    )
      return null;
    const category = categoryOfTicket(ticket, deps.categories);
    const excluded = new Set(ticket.refusedBy);
    const precedingEntries: TimelineRecord[] = [];
    const notify: TicketChange['notify'] = [];
    if (context.refusal) {
      const leaders = await deps.staff.squadLeaders(ticket.squadId);
      excluded.add(context.refusal.officerId);
      precedingEntries.push({
        at: clock.now(),
        action: context.refusal.action,
        from: ticket.status,
        to: ticket.status,
        actorId: context.refusal.action === 'reject' ? context.refusal.officerId : null,
        actorRole: context.refusal.action === 'reject' ? 'officer' : 'system',
        actorName:
          context.refusal.action === 'reject' ? await deps.staff.nameOf(context.refusal.officerId) : null,
        reason: context.refusal.reason,
      });
      for (const leader of leaders) {
        notify.push({
          recipientId: leader,
          template: 'escalation_reassigned',
          data: { ticketId: ticket._id, category: category.name, reason: context.refusal.reason },
        });
      }
    }

    const chosen =
      ticket.routing === 'single' || ticket.squadId ? await chooseOfficer(ticket, excluded) : null;
    const now = clock.now();
    let change: TicketChange;
    if (chosen) {
      const deadlines = slaDeadlines({
        reportedAt: ticket.slaStartedAt,
        assignedAt: now,
        onSiteSlaMinutes: category.onSiteSlaMinutes,
        timeScale: deps.timeScale,
      });
      notify.push({
        recipientId: chosen.officerId,
        template: 'new_assignment',
        data: {
          ticketId: ticket._id,
          category: category.name,
          address: ticket.address,
          distanceMeters: Math.round(chosen.distanceMeters),
        },
      });
      if (ticket.assignmentSeq === 0) {
        for (const reporter of ticket.reporterIds) {
          notify.push({
            recipientId: reporter,
            template: 'ticket_assigned',
            data: { ticketId: ticket._id, category: category.name },
          });
        }
      }
      change = {
        action: 'assign',
        to: 'assigned',
        actor: context.actor ?? systemActor,
        reason: context.reason,
        details: {
          officerId: chosen.officerId,
          officerName: chosen.name ?? (await deps.staff.nameOf(chosen.officerId)),
          squadId: chosen.squadId,
          distanceMeters: Math.round(chosen.distanceMeters),
          etaSeconds: Math.round(chosen.etaSeconds),
        },
        precedingEntries,
        set: {
          assigneeId: chosen.officerId,
          assignmentSeq: ticket.assignmentSeq + 1,
          deadlines: {
            ...ticket.deadlines,
            acceptBy: deadlines.acceptBy,
            escalateToLeaderAt: deadlines.escalateToLeaderAt,
            escalateToDispatcherAt: deadlines.escalateToDispatcherAt,
          },
        },
        ...(context.refusal ? { addToSet: { refusedBy: context.refusal.officerId } } : {}),
        notify,
      };
    } else {
      const dispatchers = await deps.staff.dispatchers();
      for (const dispatcher of dispatchers) {
        notify.push({
          recipientId: dispatcher,
          template: 'dispatch_queue_alarm',
          data: { ticketId: ticket._id, category: category.name, routing: ticket.routing },
        });
      }
      const alreadyQueued = ticket.status === 'dispatch_queue' && ticket.timeline.at(-1)?.action === 'queue';
      if (alreadyQueued && !context.refusal) return null; // the dispatchers have been told already
      change = {
        action: 'queue',
        to: 'dispatch_queue',
        actor: context.actor ?? systemActor,
        reason:
          ticket.routing === 'outside'
            ? '不在任何街道辖区内，转调度员处理'
            : ticket.routing === 'overlap'
              ? '位于多个辖区交界（插花地带），转调度员处理'
              : '附近暂无可派队员，转调度员处理',
        precedingEntries,
        set: { assigneeId: null, deadlines: { ...ticket.deadlines, acceptBy: null } },
        ...(context.refusal ? { addToSet: { refusedBy: context.refusal.officerId } } : {}),
        notify,
      };
    }

    return change;
  };

  /** The deadlines a fresh assignment needs armed (accept, unread escalations), if any. */
  const acceptTimerOf = (ticket: TicketDocument) =>
    assignmentSlaDeadlines(ticket).map(({ kind, sequence, at }) => ({
      job: { ticketId: ticket._id, kind, sequence },
      at,
    }));

  const scheduleAccept = async (ticket: TicketDocument) => {
    await deps.timers.scheduleAll(acceptTimerOf(ticket));
  };

  const dispatchOnce = async (
    ticket: TicketDocument,
    context: DispatchContext,
  ): Promise<TicketDocument | null | 'stale'> => {
    const change = await planDispatch(ticket, context);
    if (!change) return ticket;
    const updated = await tickets.applyChange(ticket, change);
    if (!updated) return 'stale';
    await scheduleAccept(updated);
    await afterChange(updated);
    return updated;
  };

  /** Tries up to three times when another change to the same ticket wins the race. */
  const dispatch = async (ticketId: string, context: DispatchContext): Promise<TicketDocument | null> => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const ticket = await tickets.findById(ticketId);
      if (!ticket) return null;
      if (context.refusal && ticket.assigneeId !== context.refusal.officerId) return ticket;
      // Without a refusal this is a first dispatch (or a re-dispatch after a reopen or transfer): a
      // ticket someone else has assigned meanwhile is left as it is.
      if (!context.refusal && !['dispatch_queue', 'reopened'].includes(ticket.status)) return ticket;
      const result = await dispatchOnce(ticket, context);
      if (result !== 'stale') return result;
    }
    deps.logger.warn({ ticketId }, 'dispatch gave up after repeated concurrent changes');
    return tickets.findById(ticketId);
  };

  return {
    dispatch,
    planDispatch,
    scheduleAccept,
    acceptTimerOf,
    afterChange,

    /**
     * An officer whose account was disabled (or who left the squad, `why` says so): each ticket they hold
     * goes to someone else.
     */
    async releaseOfficer(officerId: string, why = '队员账号已停用'): Promise<number> {
      const held = await tickets.notYetOnSiteWith(officerId);
      for (const ticketId of held)
        await dispatch(ticketId, {
          reason: `${why}，自动改派`,
          refusal: { officerId, action: 'officer_disabled', reason: why },
        });
      return held.length;
    },

    /** Sweep: tickets whose first dispatch never ran (e.g. Redis was down at submission). */
    async redispatchWaiting(): Promise<number> {
      // Only tickets older than a grace period, so the sweep never races a submission in progress.
      const before = new Date(clock.now().getTime() - 30_000);
      const waiting = await tickets.firstDispatchWaiting(before, 100);
      const neverTried = waiting.filter((ticket) => ticket.timeline.at(-1)?.action === 'report');
      for (const ticket of neverTried) await dispatch(ticket._id, { reason: '自动派单（补派）' });
      return neverTried.length;
    },
  };
}

export type TicketDispatcher = ReturnType<typeof ticketDispatcher>;
