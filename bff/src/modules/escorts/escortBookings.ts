import distance from '@turf/distance';
import { Types } from 'mongoose';
import type { CreateEscortRequest } from '@jiefang/contracts';
import {
  escortDeadlines,
  escortPolicy,
  escortServices,
  isLateWithdrawal,
  matchScore,
  overlaps,
  reminderOutdated,
  reminderPlan,
  windowProblems,
} from '../../domain/escortRules';
import { escortStatusGroups, escortTransitions } from '../../domain/escortTransitions';
import { allows } from '../../domain/statusTransitions';
import { badRequest, conflict, forbidden, unprocessable } from '../../http/httpError';
import type { Clock } from '../../infra/clock';
import type { DelayedJobs } from '../../infra/delayedJobs';
import type { DocumentLocks } from '../../infra/documentLocks';
import type { PendingNotification } from '../../infra/versionedChanges';
import type { StaffDirectory } from '../dispatch/staffDirectory';
import { actsForElder, isElderStaff, isFamily, type EscortViewer } from './escortAccess';
import type { EscortChanges } from './escortChanges';
import type { EscortElders } from './escortElders';
import type { ElderDocument, EscortDocument, EscortModels } from './escortModels';
import type { EscortVolunteers } from './escortVolunteers';

export interface EscortTimerJob {
  escortId: string;
  kind: 'remind_day_before' | 'remind_hour_before' | 'escalate_unaccepted';
  /** Reminders belong to one acceptance: a volunteer who takes it over later gets their own. */
  volunteerId?: string;
}

/**
 * Bookings, with the rules of the 陪依(医)计划: one winner when several volunteers accept at once, no
 * overlapping escorts, reminders and escalation, each change and the notifications it causes written
 * together (`escortChanges`).
 */
export function escortBookings(deps: {
  models: Pick<EscortModels, 'Elder' | 'Escort'>;
  changes: EscortChanges;
  elders: EscortElders;
  volunteers: EscortVolunteers;
  staff: StaffDirectory;
  locks: DocumentLocks;
  timers: DelayedJobs<EscortTimerJob>;
  clock: Clock;
}) {
  const { Elder, Escort } = deps.models;
  const { change, entry, notificationsTo, getEscort } = deps.changes;
  const { elderOf, familyOf } = deps.elders;
  const { verifiedVolunteer, matchingVolunteers } = deps.volunteers;
  const residentRole = (viewer: EscortViewer) => ({
    ...viewer.caller,
    role: viewer.caller.roles[0] ?? 'resident',
  });

  /** Throws 409 when the volunteer already holds an escort overlapping this window. */
  const assertFree = async (volunteerId: string, escort: EscortDocument) => {
    const held = await Escort.find({
      volunteerId,
      status: { $in: escortStatusGroups.occupying },
      _id: { $ne: escort._id },
    }).lean<EscortDocument[]>();
    const clash = held.find((other) =>
      overlaps(
        { start: other.windowStart, end: other.windowEnd },
        { start: escort.windowStart, end: escort.windowEnd },
      ),
    );
    if (clash) throw conflict('与您已接的另一项陪护时间重叠', { escortId: clash._id });
  };

  const at = (date: Date) => new Date(Math.max(deps.clock.now().getTime(), date.getTime()));

  /** From booking: the escalation of a request nobody has accepted in time (at once if already due). */
  const scheduleEscalation = async (escort: EscortDocument) => {
    const due = escort.escalateAt ?? escortDeadlines(escort.windowStart, escort.createdAt).escalateIfOpen;
    await deps.timers.schedule({ escortId: escort._id, kind: 'escalate_unaccepted' }, at(due));
  };

  /** From acceptance: the reminders owed to this volunteer, stored on the escort, then armed. */
  const scheduleReminders = async (escort: EscortDocument, volunteerId: string) => {
    const plan = reminderPlan(escort, volunteerId, deps.clock.now());
    await change(escort._id, () => ({ set: { reminders: plan } }));
    await deps.timers.scheduleAll(
      plan.map((reminder) => ({
        job: { escortId: escort._id, kind: reminder.kind, volunteerId },
        at: reminder.at,
      })),
    );
  };

  /** An urgent request (as it stands after a change) offered to the best matching volunteers. */
  const urgentOffer = async (escort: EscortDocument): Promise<PendingNotification[]> => {
    if (!escort.urgent) return [];
    const matches = await matchingVolunteers(escort);
    return notificationsTo(
      escort,
      matches.slice(0, escortPolicy.urgentOfferCount).map((match) => match.volunteer._id),
      'escort_urgent_offer',
      `:${escort.withdrawnBy.length}`,
    );
  };

  return {
    getEscort,

    async book(viewer: EscortViewer, request: CreateEscortRequest): Promise<EscortDocument> {
      const elder = await Elder.findById(request.elderId).lean<ElderDocument>();
      if (!elder) throw badRequest([{ path: 'elderId', message: '长者不存在' }]);
      if (!isElderStaff(viewer, elder) && !isFamily(viewer, elder))
        throw forbidden('只有社区工作者或家属可以为该长者预约');
      const now = deps.clock.now();
      const start = new Date(request.windowStart);
      const end = new Date(request.windowEnd);
      const problems = windowProblems(start, end, now);
      if (problems.length) throw badRequest(problems, '预约时间不符合要求');
      const others = await Escort.find({
        elderId: elder._id,
        status: { $in: escortStatusGroups.active },
      }).lean<EscortDocument[]>();
      const clash = others.find((other) =>
        overlaps({ start: other.windowStart, end: other.windowEnd }, { start, end }),
      );
      if (clash) {
        throw badRequest(
          [{ path: 'windowStart', message: `与该长者 ${clash.windowStart.toISOString()} 的预约时间重叠` }],
          '预约时间冲突',
        );
      }
      const deadlines = escortDeadlines(start, now);
      const escort: EscortDocument = {
        _id: new Types.ObjectId().toHexString(),
        elderId: elder._id,
        elderName: elder.name,
        elderNeeds: elder.needs,
        elderLocation: elder.location,
        streetId: elder.streetId,
        serviceType: request.serviceType,
        windowStart: start,
        windowEnd: end,
        urgent: deadlines.urgent,
        status: 'open',
        volunteerId: null,
        volunteerName: null,
        withdrawnBy: [],
        pickupAddress: request.pickupAddress ?? null,
        destination: request.destination ?? null,
        hospital: request.hospital ?? null,
        department: request.department ?? null,
        notes: request.notes ?? null,
        createdBy: viewer.caller.userId,
        checkedInAt: null,
        completedAt: null,
        completionNotes: null,
        hoursReviewed: false,
        rating: null,
        sos: [],
        timeline: [entry('booked', residentRole(viewer))],
        escalateAt: deadlines.escalateIfOpen,
        escalatedAt: null,
        reminders: [],
        createdAt: now,
        updatedAt: now,
      };
      const stored = await deps.changes.create(escort, await urgentOffer(escort));
      await scheduleEscalation(stored);
      return stored;
    },

    /**
     * Open requests a verified volunteer fits, urgent ones first, then best match, then soonest. Fit is
     * measured to `placeOf` (the stand-in point), so the list cannot be used to locate a home either.
     */
    async openFor(
      volunteerId: string,
      placeOf: (escort: EscortDocument) => { lat: number; lng: number },
    ): Promise<Array<{ escort: EscortDocument; distanceM: number }>> {
      const volunteer = await verifiedVolunteer(volunteerId);
      const open = await Escort.find({
        status: { $in: escortTransitions.accept.from },
        windowStart: { $gt: deps.clock.now() },
      })
        .sort({ windowStart: 1 })
        .limit(500)
        .lean<EscortDocument[]>();
      return open
        .flatMap((escort) => {
          if (escort.withdrawnBy.includes(volunteerId)) return [];
          const match = matchScore(
            {
              skills: volunteer.skills,
              availability: volunteer.availability,
              home: volunteer.serviceArea,
              radiusKm: volunteer.serviceArea.radiusKm,
            },
            {
              start: escort.windowStart,
              end: escort.windowEnd,
              needs: escort.elderNeeds,
              location: placeOf(escort),
              inPerson: escortServices[escort.serviceType].inPerson,
            },
          );
          return match ? [{ escort, ...match }] : [];
        })
        .sort(
          (a, b) =>
            Number(b.escort.urgent) - Number(a.escort.urgent) ||
            b.score - a.score ||
            a.escort.windowStart.getTime() - b.escort.windowStart.getTime(),
        )
        .map(({ escort, distanceM }) => ({ escort, distanceM }));
    },

    /** Exactly one volunteer wins; the others get 409. */
    async accept(volunteerId: string, escortId: string): Promise<EscortDocument> {
      const volunteer = await verifiedVolunteer(volunteerId);
      const accepted = await deps.locks.withLock(`volunteer:${volunteerId}`, async () => {
        const current = await getEscort(escortId);
        if (!allows(escortTransitions, 'accept', current.status))
          throw conflict('这项陪护已被其他志愿者接单', { status: current.status });
        await assertFree(volunteerId, current);
        const family = await familyOf(current);
        return change(escortId, (escort) => {
          if (!allows(escortTransitions, 'accept', escort.status))
            throw conflict('这项陪护已被其他志愿者接单', { status: escort.status });
          const timeline = [
            ...escort.timeline,
            entry('accepted', { userId: volunteerId, name: volunteer.realName, role: 'volunteer' }),
          ];
          return {
            set: {
              status: 'accepted',
              volunteerId,
              volunteerName: volunteer.realName,
              withdrawnBy: escort.withdrawnBy.filter((id) => id !== volunteerId),
              timeline,
            },
            notify: notificationsTo(escort, family, 'escort_accepted', `:${timeline.length}`),
          };
        });
      });
      await scheduleReminders(accepted, volunteerId);
      return accepted;
    },

    async withdraw(volunteerId: string, escortId: string, reason: string): Promise<EscortDocument> {
      const now = deps.clock.now();
      return change(escortId, async (escort) => {
        if (escort.volunteerId !== volunteerId || !allows(escortTransitions, 'withdraw', escort.status))
          throw conflict('只能退出自己已接、尚未开始的陪护');
        const late = isLateWithdrawal(escort.windowStart, now);
        const next: EscortDocument = {
          ...escort,
          status: 'open',
          volunteerId: null,
          volunteerName: null,
          withdrawnBy: [...new Set([...escort.withdrawnBy, volunteerId])],
          timeline: [
            ...escort.timeline,
            entry(late ? 'withdrawn_late' : 'withdrawn', { userId: volunteerId, role: 'volunteer' }, reason),
          ],
        };
        const lateNotice = late
          ? notificationsTo(
              next,
              await deps.staff.communityWorkers(next.streetId),
              'escort_late_withdrawal',
              `:${next.timeline.length}`,
            )
          : [];
        // The kernel writes only the fields that differ from the escort as read.
        return {
          set: next,
          notify: [...lateNotice, ...(await urgentOffer(next))],
        };
      });
    },

    async checkIn(
      volunteerId: string,
      escortId: string,
      at: { lat: number; lng: number },
    ): Promise<EscortDocument> {
      return change(escortId, (escort) => {
        if (escort.volunteerId !== volunteerId || !allows(escortTransitions, 'check_in', escort.status))
          throw conflict('只能为自己已接的陪护签到');
        if (escortServices[escort.serviceType].inPerson) {
          const meters = Math.round(
            distance([at.lng, at.lat], [escort.elderLocation.lng, escort.elderLocation.lat], {
              units: 'meters',
            }),
          );
          if (meters > escortPolicy.checkInRadiusMeters) {
            throw unprocessable(`距离长者住处约 ${meters} 米，请到达后再签到`, {
              distanceMeters: meters,
              limitMeters: escortPolicy.checkInRadiusMeters,
            });
          }
        }
        return {
          set: {
            status: 'in_progress',
            checkedInAt: deps.clock.now(),
            timeline: [...escort.timeline, entry('checked_in', { userId: volunteerId, role: 'volunteer' })],
          },
        };
      });
    },

    async complete(volunteerId: string, escortId: string, notes: string): Promise<EscortDocument> {
      const family = await familyOf(await getEscort(escortId));
      return change(escortId, (escort) => {
        if (escort.volunteerId !== volunteerId || !allows(escortTransitions, 'complete', escort.status))
          throw conflict('只能完成自己正在进行的陪护');
        return {
          set: {
            status: 'completed',
            completedAt: deps.clock.now(),
            completionNotes: notes,
            timeline: [
              ...escort.timeline,
              entry('completed', { userId: volunteerId, role: 'volunteer' }, notes),
            ],
          },
          notify: notificationsTo(escort, family, 'escort_completed'),
        };
      });
    },

    async cancel(viewer: EscortViewer, escortId: string, reason: string): Promise<EscortDocument> {
      const elder = await elderOf(await getEscort(escortId));
      return change(escortId, (escort) => {
        if (!actsForElder(viewer, escort, elder))
          throw forbidden('只有长者一方（家属、社区工作者）可以取消预约');
        if (!allows(escortTransitions, 'cancel', escort.status))
          throw conflict('陪护已开始或已结束，不能取消', { status: escort.status });
        return {
          set: {
            status: 'cancelled',
            timeline: [...escort.timeline, entry('cancelled', residentRole(viewer), reason)],
          },
          notify: notificationsTo(escort, [escort.volunteerId], 'escort_cancelled'),
        };
      });
    },

    async rate(
      viewer: EscortViewer,
      escortId: string,
      score: number,
      comment: string,
    ): Promise<EscortDocument> {
      const elder = await elderOf(await getEscort(escortId));
      return change(escortId, (escort) => {
        if (!actsForElder(viewer, escort, elder)) throw forbidden('只有长者一方可以评价');
        if (!allows(escortTransitions, 'rate', escort.status)) throw conflict('陪护完成后才能评价');
        if (escort.rating) throw conflict('已经评价过了');
        return {
          set: {
            rating: { score, comment, at: deps.clock.now(), by: viewer.caller.userId },
            timeline: [...escort.timeline, entry('rated', residentRole(viewer), `${score} 星`)],
          },
        };
      });
    },

    /** During an escort: a top-priority alert to the community worker and the dispatchers. */
    async sos(viewer: EscortViewer, escortId: string, alert: { lat?: number; lng?: number; note?: string }) {
      const escort = await getEscort(escortId);
      const elder = await elderOf(escort);
      const staff = [
        ...(await deps.staff.communityWorkers(escort.streetId)),
        ...(await deps.staff.dispatchers()),
      ];
      return change(escortId, (current) => {
        const involved = current.volunteerId === viewer.caller.userId || actsForElder(viewer, current, elder);
        if (!involved) throw forbidden('只有陪护的志愿者或长者家属可以求助');
        if (!allows(escortTransitions, 'sos', current.status)) throw conflict('只有进行中的陪护可以发出求助');
        const raised = {
          at: deps.clock.now(),
          by: viewer.caller.userId,
          lat: alert.lat ?? null,
          lng: alert.lng ?? null,
          note: alert.note ?? null,
        };
        const sos = [...current.sos, raised];
        return {
          set: {
            sos,
            timeline: [...current.timeline, entry('sos', residentRole(viewer), alert.note ?? null)],
          },
          notify: notificationsTo(current, staff, 'escort_sos', `:${sos.length}`),
        };
      });
    },

    /** The community worker puts a request back to open, or hands it straight to a verified volunteer. */
    async reassign(
      viewer: EscortViewer,
      escortId: string,
      reason: string,
      volunteerId?: string,
    ): Promise<EscortDocument> {
      const escort = await getEscort(escortId);
      if (!isElderStaff(viewer, { streetId: escort.streetId })) throw forbidden('只有社区工作者可以改派');
      const action = volunteerId ? 'hand_over' : 'reopen';
      if (!allows(escortTransitions, action, escort.status))
        throw conflict('只能改派未开始的陪护', { status: escort.status });
      const next = volunteerId ? await verifiedVolunteer(volunteerId) : null;
      if (next) await assertFree(next._id, escort);
      const updated = await change(escortId, async (current) => {
        const reassigned: EscortDocument = {
          ...current,
          status: next ? 'accepted' : 'open',
          volunteerId: next?._id ?? null,
          volunteerName: next?.realName ?? null,
          withdrawnBy: current.volunteerId
            ? [...new Set([...current.withdrawnBy, current.volunteerId])]
            : current.withdrawnBy,
          timeline: [
            ...current.timeline,
            entry('reassigned', { ...viewer.caller, role: 'community_worker' }, reason),
          ],
        };
        return {
          set: reassigned,
          notify: [
            ...notificationsTo(
              reassigned,
              [current.volunteerId, next?._id ?? null],
              'escort_reassigned',
              `:${reassigned.timeline.length}`,
            ),
            ...(next ? [] : await urgentOffer(reassigned)),
          ],
        };
      });
      if (next) await scheduleReminders(updated, next._id);
      return updated;
    },

    async list(filter: Record<string, unknown>, limit: number, offset: number) {
      const [items, total] = await Promise.all([
        Escort.find(filter).sort({ windowStart: 1 }).skip(offset).limit(limit).lean<EscortDocument[]>(),
        Escort.countDocuments(filter),
      ]);
      return { items, total };
    },

    /** Reminders and the escalation of a request nobody accepted; each happens once, as the escort records. */
    async handleTimer(job: EscortTimerJob): Promise<void> {
      const escort = await Escort.findById(job.escortId).lean<EscortDocument>();
      if (!escort) return;
      if (job.kind === 'escalate_unaccepted') {
        if (!allows(escortTransitions, 'escalate_unaccepted', escort.status) || escort.escalatedAt) return;
        const workers = await deps.staff.communityWorkers(escort.streetId);
        await change(escort._id, (current) => ({
          set: {
            escalatedAt: current.escalatedAt ?? deps.clock.now(),
            timeline: current.timeline.some((item) => item.action === 'escalated')
              ? current.timeline
              : [...current.timeline, entry('escalated', null, '无人接单，转社区工作者跟进')],
          },
          notify: notificationsTo(current, workers, 'escort_unaccepted'),
        }));
        return;
      }
      const kind = job.kind;
      // A reminder belongs to one acceptance: not to a volunteer who has withdrawn since.
      const owedTo = (current: EscortDocument) =>
        allows(escortTransitions, 'remind', current.status) &&
        (!job.volunteerId || job.volunteerId === current.volunteerId);
      if (!owedTo(escort)) return;
      const owed = (reminder: { kind: string; volunteerId: string }, holder: string | null) =>
        reminder.kind === kind && reminder.volunteerId === holder;
      if (escort.reminders?.find((reminder) => owed(reminder, escort.volunteerId))?.sentAt) return;
      const family = await familyOf(escort);
      const now = deps.clock.now();
      await change(escort._id, (current) => {
        if (!owedTo(current)) return null;
        const reminders = current.reminders ?? [];
        if (reminders.find((reminder) => owed(reminder, current.volunteerId))?.sentAt) return null;
        return {
          ...(reminders.some((reminder) => owed(reminder, current.volunteerId))
            ? {
                set: {
                  reminders: reminders.map((reminder) =>
                    owed(reminder, current.volunteerId) ? { ...reminder, sentAt: now } : reminder,
                  ),
                },
              }
            : {}),
          notify: reminderOutdated(kind, current.windowStart, now)
            ? []
            : notificationsTo(current, [current.volunteerId, ...family], 'escort_reminder', `:${kind}`),
        };
      });
    },
  };
}
