import distance from '@turf/distance';
import type {
  CheckInRequest,
  CloseTicketRequest,
  Department,
  RateRequest,
  TransferRequest,
} from '@jiefang/contracts';
import type { Clock } from '../../infra/clock';
import type { Caller } from '../../http/appState';
import { badRequest, conflict, forbidden, notFound, unprocessable } from '../../http/httpError';
import type { CategoryCatalogue } from '../../domain/categories';
import { categoryOfTicket } from '../../domain/ticketCategory';
import { assignmentSlaDeadlines, slaDeadlines } from '../../domain/slaDeadlines';
import { allows } from '../../domain/statusTransitions';
import {
  TransitionRefused,
  nextStatus,
  ticketTransitions,
  type TicketAction,
} from '../../domain/ticketTransitions';
import { findStreet, type District } from '../district/district';
import type { UploadedFile } from '../../http/multipart';
import { assertAcceptablePhotos, processPhoto } from '../photos/photoProcessing';
import type { PhotoStore, StoredPhoto } from '../photos/photoStore';
import type { PhotoUploads } from '../photos/photoUploads';
import type { SlaSchedule, StaffLookup, TicketDispatch } from './dispatchPort';
import { adminStreetOf, reachesDistrict } from '../../domain/staffScope';
import { canManageTicket } from './ticketAccess';
import { applyTicketChange, systemActor, type TicketChange, type TicketChanges } from './ticketChanges';
import type { TicketDocument } from './ticketModel';
import { ratingOf } from './ticketRatings';
import { submissionsOf } from './ticketSubmissions';
import type { TicketStore } from './ticketStore';

export const ticketActionPolicy = {
  checkInRadiusMeters: 150,
  reopenWithinMs: 7 * 24 * 3600_000,
} as const;

export interface TicketActionsDeps {
  store: TicketStore;
  dispatcher: TicketDispatch;
  timers: SlaSchedule;
  staff: StaffLookup;
  /** The officers' positions (modules/officers): a check-in is also where the officer is. */
  presence: { updateLocation(officerId: string, location: CheckInRequest): Promise<boolean> };
  photos: PhotoStore;
  /** Photos uploaded ahead (`POST /api/photos`) that a resolve names by id. */
  uploads: Pick<PhotoUploads, 'take' | 'giveBack'>;
  categories: CategoryCatalogue;
  district: District;
  clock: Clock;
  /** The change kernel over tickets: every change goes through it. */
  changes: Pick<TicketChanges, 'apply'>;
  timeScale: number;
  /** The duplicate-report index (modules/reports' openTicketIndex): a closed ticket leaves it at once. */
  openTickets: { forget(category: TicketDocument['category'], ids: readonly string[]): Promise<void> };
}

const departmentNames: Record<Department, string> = {
  urban_management: '城管执法',
  traffic_police: '交通管理',
  sanitation: '环境卫生',
  ecology_environment: '生态环境',
  municipal_works: '市政设施',
  landscaping: '园林绿化',
  fire_safety: '消防安全',
  street_office: '街道综合',
};

/** A resolution's after-photos: sent with it, or uploaded ahead and named by id. */
export type ResolutionPhotos = { kind: 'files'; files: UploadedFile[] } | { kind: 'uploaded'; ids: string[] };

/** What officers, residents and dispatchers do to a ticket; each step is one conditional update. */
export function ticketActions(deps: TicketActionsDeps) {
  const { store, clock } = deps;

  const load = async (id: string) => {
    const ticket = await store.findById(id);
    if (!ticket) throw notFound('工单不存在');
    return ticket;
  };

  const guardTransition = (ticket: TicketDocument, action: TicketAction) => {
    try {
      return nextStatus(ticket.status, action);
    } catch (error) {
      if (error instanceof TransitionRefused) {
        throw conflict('工单状态已变化，无法执行该操作', { status: ticket.status, action });
      }
      throw error;
    }
  };

  const commit = async (ticket: TicketDocument, change: TicketChange) => {
    const updated = await applyTicketChange(deps, ticket, change);
    if (!updated) throw conflict('工单刚被其他人更新，请刷新后重试');
    await deps.dispatcher.afterChange(updated);
    return updated;
  };

  const assertAssignee = (caller: Caller, ticket: TicketDocument) => {
    if (ticket.assigneeId !== caller.userId) throw forbidden('该工单没有派给你');
  };

  const assertReporter = (caller: Caller, ticket: TicketDocument) => {
    if (!ticket.reporterIds.includes(caller.userId)) throw forbidden('只能处理自己上报的问题');
  };

  const actor = (caller: Caller, role: string) => ({ id: caller.userId, role, name: caller.name ?? null });
  /** The role a manager acted in, most senior first. */
  const managerRole = (caller: Caller) =>
    caller.roles.includes('dispatcher')
      ? 'dispatcher'
      : caller.roles.includes('admin')
        ? 'admin'
        : caller.roles.includes('squad_leader')
          ? 'squad_leader'
          : 'officer';

  const storePhotos = async (caller: Caller, files: UploadedFile[]) => {
    await assertAcceptablePhotos(files);
    const processed = await Promise.all(files.map((file) => processPhoto(file)));
    const stored = [];
    for (const photo of processed)
      stored.push(await deps.photos.save(photo, { uploadedBy: caller.userId, kind: 'resolution' }));
    return stored;
  };

  /** The same close-out again (a retried request): same kind, reason, target and outside body. */
  const sameClosure = (ticket: TicketDocument, request: CloseTicketRequest) =>
    ticket.status === 'closed' &&
    ticket.closure?.kind === request.kind &&
    ticket.closure.reason === request.reason &&
    ticket.closure.duplicateOfId === (request.duplicateOfId ?? null) &&
    ticket.closure.passedTo === (request.passedTo ?? null);

  /**
   * A duplicate's reporters follow the ticket that covers it: they join it as if they had reported
   * there (their own submission comes along, so they see what they sent), and are told of its progress.
   * A second change on another document, so not atomic with the close: a retried close completes it.
   */
  const joinReporters = async (closed: TicketDocument, targetId: string) => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const target = await store.findById(targetId);
      if (!target || target.status === 'closed') return;
      const joining = closed.reporters.filter((reporter) => !target.reporterIds.includes(reporter.userId));
      if (!joining.length) return;
      const joiningIds = new Set(joining.map((reporter) => reporter.userId));
      const updated = await applyTicketChange(deps, target, {
        action: 'duplicate_merged',
        to: target.status,
        actor: systemActor,
        reason: `重复工单 ${closed._id} 的上报人并入`,
        details: { fromTicketId: closed._id, reporterCount: target.reporterCount + joining.length },
        set: {
          reporters: [...target.reporters, ...joining],
          reporterIds: [...target.reporterIds, ...joining.map((reporter) => reporter.userId)],
          reporterCount: target.reporterCount + joining.length,
          submissions: [
            ...submissionsOf(target),
            ...submissionsOf(closed).filter((submission) => joiningIds.has(submission.reporterId)),
          ],
        },
      });
      if (updated) {
        await deps.dispatcher.afterChange(updated);
        return;
      }
    }
    throw conflict('重复工单的上报人未能并入，请重试');
  };

  const closeOnce = async (
    caller: Caller,
    id: string,
    request: CloseTicketRequest,
  ): Promise<TicketDocument | null> => {
    const ticket = await load(id);
    if (!canManageTicket(caller, ticket)) throw forbidden('只有调度员或管理员可以关闭工单');
    if (sameClosure(ticket, request)) {
      if (ticket.closure?.duplicateOfId) await joinReporters(ticket, ticket.closure.duplicateOfId);
      return ticket;
    }
    const to = guardTransition(ticket, 'close');
    const duplicateOfId = request.kind === 'duplicate' ? (request.duplicateOfId ?? null) : null;
    if (duplicateOfId !== null) {
      if (duplicateOfId === ticket._id)
        throw badRequest([{ path: 'duplicateOfId', message: '不能与工单自身重复' }]);
      const target = await store.findById(duplicateOfId);
      if (!target) throw badRequest([{ path: 'duplicateOfId', message: `没有这个工单：${duplicateOfId}` }]);
      if (target.status === 'closed')
        throw unprocessable('与之重复的工单也已关闭，请填写仍在处理或已办结的工单', { duplicateOfId });
    }
    const passedTo = request.kind === 'not_ours' ? (request.passedTo ?? null) : null;
    const now = clock.now();
    const category = categoryOfTicket(ticket, deps.categories).name;
    const closed = await applyTicketChange(deps, ticket, {
      action: 'close',
      to,
      actor: actor(caller, managerRole(caller)),
      reason: request.reason,
      details: {
        kind: request.kind,
        ...(duplicateOfId ? { duplicateOfId } : {}),
        ...(passedTo ? { passedTo } : {}),
      },
      set: {
        closure: {
          kind: request.kind,
          reason: request.reason,
          duplicateOfId,
          passedTo,
          at: now,
          byId: caller.userId,
          byName: caller.name ?? null,
        },
        // Nothing is pending any more: no accept, no unread escalation (warn and breach stop with the status).
        deadlines: {
          ...ticket.deadlines,
          acceptBy: null,
          escalateToLeaderAt: null,
          escalateToDispatcherAt: null,
        },
      },
      notify: ticket.reporterIds.map((recipientId) => ({
        recipientId,
        template: 'ticket_closed',
        data: {
          ticketId: ticket._id,
          category,
          kind: request.kind,
          reason: request.reason,
          passedTo,
          duplicateOfId,
        },
      })),
    });
    if (!closed) return null;
    await deps.dispatcher.afterChange(closed);
    await deps.openTickets.forget(ticket.category, [ticket._id]);
    if (duplicateOfId) await joinReporters(closed, duplicateOfId);
    return closed;
  };

  return {
    /**
     * Closes an open ticket without fixing it. Every clock stops with the status (the timers' handlers
     * and the Redis recovery look at open statuses only), the assignee's workload lets go of it, it
     * leaves the duplicate index, and every reporter is told why.
     */
    async close(caller: Caller, id: string, request: CloseTicketRequest) {
      // A timer or a dispatch may change the ticket meanwhile (an accept timeout, an escalation): the
      // dispatcher's decision still stands, so decide again on the fresh ticket.
      for (let attempt = 0; ; attempt += 1) {
        const closed = await closeOnce(caller, id, request);
        if (closed) return closed;
        if (attempt >= 2) throw conflict('工单刚被其他人更新，请刷新后重试');
      }
    },

    async accept(caller: Caller, id: string) {
      const ticket = await load(id);
      assertAssignee(caller, ticket);
      const to = guardTransition(ticket, 'accept');
      return commit(ticket, {
        action: 'accept',
        to,
        actor: actor(caller, 'officer'),
        set: { deadlines: { ...ticket.deadlines, acceptBy: null } },
      });
    },

    async reject(caller: Caller, id: string, reason: string) {
      const ticket = await load(id);
      assertAssignee(caller, ticket);
      if (ticket.status !== 'assigned') throw conflict('只能拒绝尚未接单的工单', { status: ticket.status });
      const updated = await deps.dispatcher.dispatch(id, {
        reason: '队员拒单，自动改派',
        refusal: { officerId: caller.userId, action: 'reject', reason },
      });
      if (!updated) throw notFound('工单不存在');
      return updated;
    },

    async checkIn(caller: Caller, id: string, point: CheckInRequest) {
      const ticket = await load(id);
      assertAssignee(caller, ticket);
      const to = guardTransition(ticket, 'check_in');
      const meters = distance([point.lng, point.lat], [ticket.location.lng, ticket.location.lat], {
        units: 'meters',
      });
      if (meters > ticketActionPolicy.checkInRadiusMeters) {
        throw unprocessable(
          `距离上报地点约 ${Math.round(meters)} 米，需在 ${ticketActionPolicy.checkInRadiusMeters} 米内签到`,
          {
            distanceMeters: Math.round(meters),
            limitMeters: ticketActionPolicy.checkInRadiusMeters,
          },
        );
      }
      const now = clock.now();
      const late = now.getTime() > ticket.deadlines.breachAt.getTime();
      await deps.presence.updateLocation(caller.userId, point);
      return commit(ticket, {
        action: 'check_in',
        to,
        actor: actor(caller, 'officer'),
        details: {
          distanceMeters: Math.round(meters),
          minutesSinceReport: Math.round((now.getTime() - ticket.slaStartedAt.getTime()) / 6000) / 10,
        },
        // The breach stands even if its timer has not fired yet (e.g. Redis was down).
        set: { onSiteAt: now, ...(late ? { slaBreached: true } : {}) },
        notify: ticket.reporterIds.map((recipientId) => ({
          recipientId,
          template: 'officer_on_site',
          data: { ticketId: ticket._id, category: categoryOfTicket(ticket, deps.categories).name },
        })),
      });
    },

    async resolve(caller: Caller, id: string, note: string, given: ResolutionPhotos) {
      const ticket = await load(id);
      assertAssignee(caller, ticket);
      guardTransition(ticket, 'resolve');
      const photos: StoredPhoto[] =
        given.kind === 'files'
          ? await storePhotos(caller, given.files)
          : await deps.uploads.take(caller.userId, given.ids);
      const fresh = await load(id);
      try {
        const to = guardTransition(fresh, 'resolve');
        const now = clock.now();
        return await commit(fresh, {
          action: 'resolve',
          to,
          actor: actor(caller, 'officer'),
          reason: note,
          set: { resolvedAt: now, resolution: { note, photos, at: now } },
          notify: fresh.reporterIds.map((recipientId) => ({
            recipientId,
            template: 'ticket_resolved',
            data: { ticketId: fresh._id, category: categoryOfTicket(fresh, deps.categories).name },
          })),
        });
      } catch (error) {
        // Uploads go back to the officer for a retry; photos sent with the request are deleted.
        if (given.kind === 'uploaded') await deps.uploads.giveBack(caller.userId, photos, clock.now());
        else await deps.photos.remove(photos.flatMap((photo) => [photo.id, photo.thumbnailId]));
        throw error;
      }
    },

    async transfer(caller: Caller, id: string, request: TransferRequest) {
      const ticket = await load(id);
      if (ticket.assigneeId !== caller.userId && !canManageTicket(caller, ticket)) {
        throw forbidden('只有承办队员、本中队中队长或调度员可以转办');
      }
      // A transfer hands the ticket back to dispatching: it may start where queueing may.
      if (!allows(ticketTransitions, 'queue', ticket.status)) {
        throw conflict('工单已到场或已办结，不能转办', { status: ticket.status });
      }
      if (request.toSquad) {
        const street =
          findStreet(deps.district, request.toSquad) ??
          deps.district.features.find((feature) => feature.properties.squadId === request.toSquad);
        if (!street) throw badRequest([{ path: 'toSquad', message: `没有这个中队：${request.toSquad}` }]);
        if (street.properties.squadId === ticket.squadId) throw unprocessable('工单已在该中队');
        const moved = await commit(ticket, {
          action: 'transfer',
          to: 'dispatch_queue',
          actor: actor(caller, managerRole(caller)),
          reason: request.reason,
          details: { fromSquad: ticket.squadId, toSquad: street.properties.squadId },
          set: {
            squadId: street.properties.squadId,
            streetId: street.properties.id,
            routing: 'single',
            assigneeId: null,
            refusedBy: [],
            deadlines: { ...ticket.deadlines, acceptBy: null },
          },
        });
        return (
          (await deps.dispatcher.dispatch(moved._id, { reason: `转办至${street.properties.squadName}` })) ??
          moved
        );
      }
      const department = request.toDepartment as Department;
      const dispatchers = await deps.staff.dispatchers();
      return commit(ticket, {
        action: 'transfer',
        to: 'dispatch_queue',
        actor: actor(caller, managerRole(caller)),
        reason: request.reason,
        details: { fromDepartment: ticket.department, toDepartment: department },
        set: { department, assigneeId: null, deadlines: { ...ticket.deadlines, acceptBy: null } },
        notify: dispatchers.map((recipientId) => ({
          recipientId,
          template: 'ticket_transferred',
          data: { ticketId: ticket._id, department: departmentNames[department] },
        })),
      });
    },

    async assign(caller: Caller, id: string, officerId: string, reason: string) {
      const ticket = await load(id);
      if (!canManageTicket(caller, ticket)) throw forbidden('只有调度员或本中队中队长可以指派');
      const to = guardTransition(ticket, 'assign');
      const officerSquad = await deps.staff.officerSquad(officerId);
      if (!officerSquad) throw badRequest([{ path: 'officerId', message: '该用户不是执法队员' }]);
      // A squad leader commands their own squad, a street's administrator their street's squad; another
      // squad's officers go through a dispatcher or a transfer.
      const ownStreet = adminStreetOf(caller);
      if (ownStreet !== undefined) {
        if (officerSquad !== findStreet(deps.district, ownStreet)?.properties.squadId)
          throw forbidden('街道管理员只能指派本街道中队的队员；跨街道请联系调度员或转办');
      } else if (!reachesDistrict(caller) && officerSquad !== caller.squadId)
        throw forbidden('中队长只能指派本中队的队员；跨中队请联系调度员或转办');
      const { acceptBy, escalateToLeaderAt, escalateToDispatcherAt } = slaDeadlines({
        reportedAt: ticket.slaStartedAt,
        assignedAt: clock.now(),
        onSiteSlaMinutes: categoryOfTicket(ticket, deps.categories).onSiteSlaMinutes,
        timeScale: deps.timeScale,
      });
      const updated = await commit(ticket, {
        action: 'assign',
        to,
        actor: actor(caller, managerRole(caller)),
        reason,
        details: {
          officerId,
          officerName: await deps.staff.nameOf(officerId),
          squadId: officerSquad,
          manual: true,
        },
        set: {
          assigneeId: officerId,
          assignmentSeq: ticket.assignmentSeq + 1,
          deadlines: { ...ticket.deadlines, acceptBy, escalateToLeaderAt, escalateToDispatcherAt },
        },
        notify: [
          {
            recipientId: officerId,
            template: 'new_assignment',
            data: {
              ticketId: ticket._id,
              category: categoryOfTicket(ticket, deps.categories).name,
              address: ticket.address,
            },
          },
        ],
      });
      for (const { kind, sequence, at } of assignmentSlaDeadlines(updated))
        await deps.timers.schedule({ ticketId: id, kind, sequence }, at);
      return updated;
    },

    async confirm(caller: Caller, id: string) {
      const ticket = await load(id);
      assertReporter(caller, ticket);
      const to = guardTransition(ticket, 'confirm');
      return commit(ticket, { action: 'confirm', to, actor: actor(caller, 'resident') });
    },

    async reopen(caller: Caller, id: string, reason: string) {
      const ticket = await load(id);
      assertReporter(caller, ticket);
      const to = guardTransition(ticket, 'reopen');
      const now = clock.now();
      if (
        !ticket.resolvedAt ||
        now.getTime() - ticket.resolvedAt.getTime() > ticketActionPolicy.reopenWithinMs
      ) {
        throw unprocessable('办结超过 7 天的工单不能重新打开，请重新上报');
      }
      const category = categoryOfTicket(ticket, deps.categories);
      const deadlines = slaDeadlines({
        reportedAt: now,
        assignedAt: now,
        onSiteSlaMinutes: category.onSiteSlaMinutes,
        timeScale: deps.timeScale,
      });
      const round = ticket.slaRound + 1;
      const leaders = await deps.staff.squadLeaders(ticket.squadId);
      const reopened = await commit(ticket, {
        action: 'reopen',
        to,
        actor: actor(caller, 'resident'),
        reason,
        set: {
          slaStartedAt: now,
          slaRound: round,
          slaWarned: false,
          slaBreached: false,
          assigneeId: null,
          refusedBy: [],
          onSiteAt: null,
          deadlines: { acceptBy: null, warnAt: deadlines.warnAt, breachAt: deadlines.breachAt },
        },
        notify: leaders.map((recipientId) => ({
          recipientId,
          template: 'ticket_reopened',
          data: { ticketId: ticket._id, reason },
        })),
      });
      await deps.timers.schedule({ ticketId: id, kind: 'warn', sequence: round }, deadlines.warnAt);
      await deps.timers.schedule({ ticketId: id, kind: 'breach', sequence: round }, deadlines.breachAt);
      return (await deps.dispatcher.dispatch(id, { reason: '居民重新打开，重新派单' })) ?? reopened;
    },

    async rate(caller: Caller, id: string, rating: RateRequest) {
      const ticket = await load(id);
      assertReporter(caller, ticket);
      if (ticket.status !== 'resolved' && ticket.status !== 'confirmed') {
        throw conflict('工单办结后才能评价', { status: ticket.status });
      }
      if (ratingOf(ticket, caller.userId)) throw conflict('您已经评价过了');
      const given = { ...rating, at: clock.now(), by: caller.userId };
      return commit(ticket, {
        action: 'rate',
        to: ticket.status,
        actor: actor(caller, 'resident'),
        details: { score: rating.score },
        set: { ratings: [...(ticket.ratings ?? []), given], ...(ticket.rating ? {} : { rating: given }) },
      });
    },
  };
}

export type TicketActions = ReturnType<typeof ticketActions>;
