import distance from '@turf/distance';
import { Types } from 'mongoose';
import type {
  CreateElderRequest,
  CreateEscortRequest,
  EscortStatistics,
  EscortStatus,
  RegisterVolunteerRequest,
  VolunteerHours,
} from '@jiefang/contracts';
import {
  escortDeadlines,
  escortPolicy,
  escortServices,
  isLateWithdrawal,
  matchScore,
  overlaps,
  reminderOutdated,
  reminderPlan,
  servedMinutes,
  windowProblems,
} from '../../domain/escortRules';
import { responsibleArea, type JurisdictionArea } from '../../domain/jurisdiction';
import { badRequest, conflict, forbidden, notFound, unprocessable } from '../../http/httpError';
import type { Clock } from '../../infra/clock';
import type { DelayedJobs } from '../../infra/delayedJobs';
import type { DocumentLocks } from '../../infra/documentLocks';
import { findStreet, type District } from '../district/district';
import type { StaffDirectory } from '../dispatch/staffDirectory';
import type { NotificationOutbox } from '../notifications/notificationOutbox';
import { actsForElder, isElderStaff, isFamily, type EscortViewer } from './escortAccess';
import type {
  ElderDocument,
  EscortDocument,
  EscortModels,
  EscortTimelineRecord,
  VolunteerDocument,
} from './escortModels';

export interface EscortTimerJob {
  escortId: string;
  kind: 'remind_day_before' | 'remind_hour_before' | 'escalate_unaccepted';
  /** Reminders belong to one acceptance: a volunteer who takes it over later gets their own. */
  volunteerId?: string;
}

const activeStatuses: EscortStatus[] = ['open', 'accepted', 'in_progress'];
const heldStatuses: EscortStatus[] = ['accepted', 'in_progress'];

/**
 * Volunteer escorts: elders, volunteers and bookings, with the rules of the 陪依(医)计划 — one winner
 * when several volunteers accept at once, no overlapping escorts, the elder's address only for whoever
 * holds the request, reminders and escalation through the outbox, and the service-hours ledger.
 */
export function escortBook(deps: {
  models: EscortModels;
  district: District;
  staff: StaffDirectory;
  outbox: NotificationOutbox;
  locks: DocumentLocks;
  timers: DelayedJobs<EscortTimerJob>;
  clock: Clock;
  kickDelivery: () => void;
}) {
  const { Elder, Volunteer, Escort } = deps.models;
  const areas: JurisdictionArea[] = deps.district.features.map((feature) => ({
    id: feature.properties.id,
    rings: feature.geometry.coordinates as Array<Array<[number, number]>>,
  }));
  const streetAt = (point: { lat: number; lng: number }) => {
    const match = responsibleArea(point, areas);
    return match.kind === 'single' ? match.areaId : null;
  };

  const entry = (
    action: string,
    actor: { userId: string; name?: string; role: string } | null,
    note: string | null = null,
  ): EscortTimelineRecord => ({
    at: deps.clock.now(),
    action,
    actorId: actor?.userId ?? null,
    actorName: actor?.name ?? null,
    actorRole: actor?.role ?? 'system',
    note,
  });

  const notify = async (
    escort: EscortDocument,
    recipients: Array<string | null>,
    template: string,
    suffix = '',
  ) => {
    const unique = [...new Set(recipients.filter((id): id is string => Boolean(id)))];
    if (!unique.length) return;
    await deps.outbox.enqueue(
      unique.map((recipientId) => ({
        id: `escort:${escort._id}:${template}${suffix}:${recipientId}`,
        recipientId,
        template,
        data: {
          escortId: escort._id,
          elderName: escort.elderName,
          serviceType: escort.serviceType,
          windowStart: escort.windowStart.toISOString(),
        },
      })),
    );
    deps.kickDelivery();
  };

  const elderOf = (escort: Pick<EscortDocument, 'elderId'>) =>
    Elder.findById(escort.elderId).lean<ElderDocument>().exec();
  const familyOf = async (escort: EscortDocument) => [
    escort.createdBy,
    ...((await elderOf(escort))?.familyUserIds ?? []),
  ];

  const getEscort = async (id: string) => {
    const escort = await Escort.findById(id).lean<EscortDocument>();
    if (!escort) throw notFound('预约不存在');
    return escort;
  };

  /** Reads, changes and writes one escort under its lock; `apply` throws to refuse. */
  const change = (
    id: string,
    apply: (escort: EscortDocument) => Partial<EscortDocument> & { timeline?: EscortTimelineRecord[] },
  ) =>
    deps.locks.withLock(`escort:${id}`, async () => {
      const current = await getEscort(id);
      const next = { ...current, ...apply(current), updatedAt: deps.clock.now() };
      await Escort.replaceOne({ _id: id }, next);
      return next;
    });

  const verifiedVolunteer = async (userId: string) => {
    const volunteer = await Volunteer.findById(userId).lean<VolunteerDocument>();
    if (!volunteer) throw forbidden('请先登记成为志愿者');
    if (!volunteer.verified) throw forbidden('志愿者资料尚未通过社区审核，审核后才能接单');
    return volunteer;
  };

  /** Throws 409 when the volunteer already holds an escort overlapping this window. */
  const assertFree = async (volunteerId: string, escort: EscortDocument) => {
    const held = await Escort.find({
      volunteerId,
      status: { $in: heldStatuses },
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
    await change(escort._id, () => ({ reminders: plan }));
    await deps.timers.scheduleAll(
      plan.map((reminder) => ({
        job: { escortId: escort._id, kind: reminder.kind, volunteerId },
        at: reminder.at,
      })),
    );
  };

  /** Verified volunteers who fit the request, best first. */
  const matchingVolunteers = async (escort: EscortDocument) => {
    const volunteers = await Volunteer.find({ verified: true }).lean<VolunteerDocument[]>();
    const service = escortServices[escort.serviceType];
    return volunteers
      .flatMap((volunteer) => {
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
            location: escort.elderLocation,
            inPerson: service.inPerson,
          },
        );
        return match && !escort.withdrawnBy.includes(volunteer._id) ? [{ volunteer, ...match }] : [];
      })
      .sort((a, b) => b.score - a.score);
  };

  const offerUrgent = async (escort: EscortDocument) => {
    if (!escort.urgent) return;
    const matches = await matchingVolunteers(escort);
    await notify(
      escort,
      matches.slice(0, escortPolicy.urgentOfferCount).map((match) => match.volunteer._id),
      'escort_urgent_offer',
      `:${escort.withdrawnBy.length}`,
    );
  };

  return {
    getEscort,
    elderOf,
    async volunteerOf(userId: string) {
      return Volunteer.findById(userId).lean<VolunteerDocument>();
    },

    async createElder(viewer: EscortViewer, request: CreateElderRequest): Promise<ElderDocument> {
      const { caller } = viewer;
      const streetId = streetAt(request);
      const isStaff = caller.roles.some((role) => ['community_worker', 'admin', 'dispatcher'].includes(role));
      if (isStaff && !isElderStaff(viewer, { streetId })) {
        throw forbidden('只能登记本社区（街道）的长者', { streetId });
      }
      const familyUserIds = [...new Set([...request.familyUserIds, ...(isStaff ? [] : [caller.userId])])];
      const elder: ElderDocument = {
        _id: new Types.ObjectId().toHexString(),
        name: request.name,
        phone: request.phone,
        address: request.address,
        location: { lat: request.lat, lng: request.lng },
        streetId,
        needs: request.needs,
        emergencyContacts: request.emergencyContacts.map((contact) => ({
          ...contact,
          relation: contact.relation ?? null,
        })),
        familyUserIds,
        createdBy: caller.userId,
        createdAt: deps.clock.now(),
      };
      await Elder.create(elder);
      return elder;
    },

    async listElders(viewer: EscortViewer): Promise<ElderDocument[]> {
      const { caller } = viewer;
      const filter =
        caller.roles.includes('admin') || caller.roles.includes('dispatcher')
          ? {}
          : caller.roles.includes('community_worker')
            ? { streetId: viewer.streetId ?? '(none)' }
            : { familyUserIds: caller.userId };
      return Elder.find(filter).sort({ name: 1 }).limit(500).lean<ElderDocument[]>();
    },

    async getElder(viewer: EscortViewer, id: string): Promise<ElderDocument> {
      const elder = await Elder.findById(id).lean<ElderDocument>();
      if (!elder) throw notFound('长者不存在');
      if (!isElderStaff(viewer, elder) && !isFamily(viewer, elder)) throw forbidden('无权查看该长者');
      return elder;
    },

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
      const others = await Escort.find({ elderId: elder._id, status: { $in: activeStatuses } }).lean<
        EscortDocument[]
      >();
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
        timeline: [entry('booked', { ...viewer.caller, role: viewer.caller.roles[0] ?? 'resident' })],
        escalateAt: deadlines.escalateIfOpen,
        escalatedAt: null,
        reminders: [],
        createdAt: now,
        updatedAt: now,
      };
      await Escort.create(escort);
      await scheduleEscalation(escort);
      await offerUrgent(escort);
      return escort;
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
      const open = await Escort.find({ status: 'open', windowStart: { $gt: deps.clock.now() } })
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
        if (current.status !== 'open')
          throw conflict('这项陪护已被其他志愿者接单', { status: current.status });
        await assertFree(volunteerId, current);
        return change(escortId, (escort) => {
          if (escort.status !== 'open')
            throw conflict('这项陪护已被其他志愿者接单', { status: escort.status });
          return {
            status: 'accepted',
            volunteerId,
            volunteerName: volunteer.realName,
            withdrawnBy: escort.withdrawnBy.filter((id) => id !== volunteerId),
            timeline: [
              ...escort.timeline,
              entry('accepted', { userId: volunteerId, name: volunteer.realName, role: 'volunteer' }),
            ],
          };
        });
      });
      await notify(accepted, await familyOf(accepted), 'escort_accepted', `:${accepted.timeline.length}`);
      await scheduleReminders(accepted, volunteerId);
      return accepted;
    },

    async withdraw(volunteerId: string, escortId: string, reason: string): Promise<EscortDocument> {
      const now = deps.clock.now();
      let late = false;
      const updated = await change(escortId, (escort) => {
        if (escort.volunteerId !== volunteerId || escort.status !== 'accepted')
          throw conflict('只能退出自己已接、尚未开始的陪护');
        late = isLateWithdrawal(escort.windowStart, now);
        return {
          status: 'open',
          volunteerId: null,
          volunteerName: null,
          withdrawnBy: [...new Set([...escort.withdrawnBy, volunteerId])],
          timeline: [
            ...escort.timeline,
            entry(late ? 'withdrawn_late' : 'withdrawn', { userId: volunteerId, role: 'volunteer' }, reason),
          ],
        };
      });
      if (late)
        await notify(
          updated,
          await deps.staff.communityWorkers(updated.streetId),
          'escort_late_withdrawal',
          `:${updated.timeline.length}`,
        );
      await offerUrgent(updated);
      return updated;
    },

    async checkIn(
      volunteerId: string,
      escortId: string,
      at: { lat: number; lng: number },
    ): Promise<EscortDocument> {
      return change(escortId, (escort) => {
        if (escort.volunteerId !== volunteerId || escort.status !== 'accepted')
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
          status: 'in_progress',
          checkedInAt: deps.clock.now(),
          timeline: [...escort.timeline, entry('checked_in', { userId: volunteerId, role: 'volunteer' })],
        };
      });
    },

    async complete(volunteerId: string, escortId: string, notes: string): Promise<EscortDocument> {
      const updated = await change(escortId, (escort) => {
        if (escort.volunteerId !== volunteerId || escort.status !== 'in_progress')
          throw conflict('只能完成自己正在进行的陪护');
        return {
          status: 'completed',
          completedAt: deps.clock.now(),
          completionNotes: notes,
          timeline: [
            ...escort.timeline,
            entry('completed', { userId: volunteerId, role: 'volunteer' }, notes),
          ],
        };
      });
      await notify(updated, await familyOf(updated), 'escort_completed');
      return updated;
    },

    async cancel(viewer: EscortViewer, escortId: string, reason: string): Promise<EscortDocument> {
      const elder = await elderOf(await getEscort(escortId));
      const updated = await change(escortId, (escort) => {
        if (!actsForElder(viewer, escort, elder))
          throw forbidden('只有长者一方（家属、社区工作者）可以取消预约');
        if (escort.status !== 'open' && escort.status !== 'accepted')
          throw conflict('陪护已开始或已结束，不能取消', { status: escort.status });
        return {
          status: 'cancelled',
          timeline: [
            ...escort.timeline,
            entry('cancelled', { ...viewer.caller, role: viewer.caller.roles[0] ?? 'resident' }, reason),
          ],
        };
      });
      await notify(updated, [updated.volunteerId], 'escort_cancelled');
      return updated;
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
        if (escort.status !== 'completed') throw conflict('陪护完成后才能评价');
        if (escort.rating) throw conflict('已经评价过了');
        return {
          rating: { score, comment, at: deps.clock.now(), by: viewer.caller.userId },
          timeline: [
            ...escort.timeline,
            entry('rated', { ...viewer.caller, role: viewer.caller.roles[0] ?? 'resident' }, `${score} 星`),
          ],
        };
      });
    },

    /** During an escort: a top-priority alert to the community worker and the dispatchers. */
    async sos(viewer: EscortViewer, escortId: string, alert: { lat?: number; lng?: number; note?: string }) {
      const elder = await elderOf(await getEscort(escortId));
      const updated = await change(escortId, (escort) => {
        const involved = escort.volunteerId === viewer.caller.userId || actsForElder(viewer, escort, elder);
        if (!involved) throw forbidden('只有陪护的志愿者或长者家属可以求助');
        if (!heldStatuses.includes(escort.status)) throw conflict('只有进行中的陪护可以发出求助');
        const raised = {
          at: deps.clock.now(),
          by: viewer.caller.userId,
          lat: alert.lat ?? null,
          lng: alert.lng ?? null,
          note: alert.note ?? null,
        };
        return {
          sos: [...escort.sos, raised],
          timeline: [
            ...escort.timeline,
            entry(
              'sos',
              { ...viewer.caller, role: viewer.caller.roles[0] ?? 'resident' },
              alert.note ?? null,
            ),
          ],
        };
      });
      await notify(
        updated,
        [...(await deps.staff.communityWorkers(updated.streetId)), ...(await deps.staff.dispatchers())],
        'escort_sos',
        `:${updated.sos.length}`,
      );
      return updated;
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
      if (escort.status !== 'open' && escort.status !== 'accepted')
        throw conflict('只能改派未开始的陪护', { status: escort.status });
      const next = volunteerId ? await verifiedVolunteer(volunteerId) : null;
      if (next) await assertFree(next._id, escort);
      const updated = await change(escortId, (current) => ({
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
      }));
      await notify(
        updated,
        [escort.volunteerId, next?._id ?? null],
        'escort_reassigned',
        `:${updated.timeline.length}`,
      );
      if (next) await scheduleReminders(updated, next._id);
      else await offerUrgent(updated);
      return updated;
    },

    async list(filter: Record<string, unknown>, limit: number, offset: number) {
      const [items, total] = await Promise.all([
        Escort.find(filter).sort({ windowStart: 1 }).skip(offset).limit(limit).lean<EscortDocument[]>(),
        Escort.countDocuments(filter),
      ]);
      return { items, total };
    },

    async registerVolunteer(userId: string, request: RegisterVolunteerRequest): Promise<VolunteerDocument> {
      const street = findStreet(deps.district, request.serviceArea.street);
      if (!street)
        throw badRequest([
          { path: 'serviceArea.street', message: `没有这个街道：${request.serviceArea.street}` },
        ]);
      const existing = await Volunteer.findById(userId).lean<VolunteerDocument>();
      // Changing one's name, phone or street needs a new check by the community.
      const stillVerified = Boolean(
        existing?.verified &&
        existing.realName === request.realName &&
        existing.phone === request.phone &&
        existing.serviceArea.streetId === street.properties.id,
      );
      const volunteer: VolunteerDocument = {
        _id: userId,
        realName: request.realName,
        phone: request.phone,
        skills: request.skills,
        serviceArea: {
          streetId: street.properties.id,
          lat: request.serviceArea.lat,
          lng: request.serviceArea.lng,
          radiusKm: request.serviceArea.radiusKm,
        },
        availability: request.availability,
        verified: stillVerified,
        verifiedAt: stillVerified ? (existing?.verifiedAt ?? null) : null,
        verifiedBy: stillVerified ? (existing?.verifiedBy ?? null) : null,
        createdAt: existing?.createdAt ?? deps.clock.now(),
      };
      await Volunteer.replaceOne({ _id: userId }, volunteer, { upsert: true });
      return volunteer;
    },

    async verifyVolunteer(viewer: EscortViewer, volunteerId: string): Promise<VolunteerDocument> {
      const volunteer = await Volunteer.findById(volunteerId).lean<VolunteerDocument>();
      if (!volunteer) throw notFound('志愿者不存在');
      if (!isElderStaff(viewer, { streetId: volunteer.serviceArea.streetId }))
        throw forbidden('只能审核本社区的志愿者');
      const verified = {
        ...volunteer,
        verified: true,
        verifiedAt: deps.clock.now(),
        verifiedBy: viewer.caller.userId,
      };
      await Volunteer.replaceOne({ _id: volunteerId }, verified);
      return verified;
    },

    async listVolunteers(viewer: EscortViewer, verified?: boolean): Promise<VolunteerDocument[]> {
      const filter: Record<string, unknown> = {};
      if (verified !== undefined) filter.verified = verified;
      const district = viewer.caller.roles.includes('admin') || viewer.caller.roles.includes('dispatcher');
      if (!district) filter['serviceArea.streetId'] = viewer.streetId ?? '(none)';
      return Volunteer.find(filter).sort({ createdAt: 1 }).limit(500).lean<VolunteerDocument[]>();
    },

    async hours(volunteerId: string): Promise<VolunteerHours> {
      const done = await Escort.find({ volunteerId, status: 'completed' })
        .sort({ completedAt: -1 })
        .lean<EscortDocument[]>();
      const entries = done
        .filter((escort) => escort.checkedInAt && escort.completedAt)
        .map((escort) => ({
          escortId: escort._id,
          serviceType: escort.serviceType,
          checkedInAt: (escort.checkedInAt as Date).toISOString(),
          completedAt: (escort.completedAt as Date).toISOString(),
          minutes: servedMinutes(escort.checkedInAt as Date, escort.completedAt as Date, escort.windowStart),
          reviewed: escort.hoursReviewed,
        }));
      return {
        volunteerId,
        totalMinutes: entries.reduce((sum, item) => sum + item.minutes, 0),
        reviewedMinutes: entries.filter((item) => item.reviewed).reduce((sum, item) => sum + item.minutes, 0),
        turns: entries.length,
        entries,
      };
    },

    async reviewHours(viewer: EscortViewer, volunteerId: string, escortId: string): Promise<void> {
      await change(escortId, (escort) => {
        if (!isElderStaff(viewer, { streetId: escort.streetId })) throw forbidden('只能审核本社区的服务时长');
        if (escort.volunteerId !== volunteerId || escort.status !== 'completed')
          throw conflict('只能审核已完成的服务');
        return {
          hoursReviewed: true,
          timeline: [
            ...escort.timeline,
            entry('hours_reviewed', { ...viewer.caller, role: 'community_worker' }),
          ],
        };
      });
    },

    async statistics(streetId: string | null): Promise<EscortStatistics> {
      const filter = streetId ? { streetId } : {};
      const escorts = await Escort.find(filter, {
        status: 1,
        volunteerId: 1,
        windowStart: 1,
        checkedInAt: 1,
        completedAt: 1,
        rating: 1,
      }).lean<EscortDocument[]>();
      const done = escorts.filter((escort) => escort.status === 'completed');
      const ratings = done.flatMap((escort) => (escort.rating ? [escort.rating.score] : []));
      const minutes = done.reduce(
        (sum, escort) =>
          sum +
          (escort.checkedInAt && escort.completedAt
            ? servedMinutes(escort.checkedInAt, escort.completedAt, escort.windowStart)
            : 0),
        0,
      );
      return {
        streetId,
        servicesDone: done.length,
        // Every check-in by a volunteer is a turn; a service handed over midway counts twice.
        volunteerTurns: escorts.filter((escort) => escort.checkedInAt).length,
        volunteers: new Set(done.map((escort) => escort.volunteerId)).size,
        hours: Math.round((minutes / 60) * 10) / 10,
        averageRating: ratings.length
          ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10
          : null,
        ratings: ratings.length,
        open: escorts.filter((escort) => escort.status === 'open').length,
      };
    },

    /** Reminders and the escalation of a request nobody accepted; each happens once, as the escort records. */
    async handleTimer(job: EscortTimerJob): Promise<void> {
      const escort = await Escort.findById(job.escortId).lean<EscortDocument>();
      if (!escort) return;
      if (job.kind === 'escalate_unaccepted') {
        if (escort.status !== 'open' || escort.escalatedAt) return;
        await notify(escort, await deps.staff.communityWorkers(escort.streetId), 'escort_unaccepted');
        await change(escort._id, (current) => ({
          escalatedAt: current.escalatedAt ?? deps.clock.now(),
          timeline: current.timeline.some((item) => item.action === 'escalated')
            ? current.timeline
            : [...current.timeline, entry('escalated', null, '无人接单，转社区工作者跟进')],
        }));
        return;
      }
      // A reminder belongs to one acceptance: not to a volunteer who has withdrawn since.
      if (escort.status !== 'accepted' || (job.volunteerId && job.volunteerId !== escort.volunteerId)) return;
      const owed = (reminder: { kind: string; volunteerId: string }) =>
        reminder.kind === job.kind && reminder.volunteerId === escort.volunteerId;
      if (escort.reminders?.find(owed)?.sentAt) return;
      const now = deps.clock.now();
      if (!reminderOutdated(job.kind, escort.windowStart, now)) {
        await notify(
          escort,
          [escort.volunteerId, ...(await familyOf(escort))],
          'escort_reminder',
          `:${job.kind}`,
        );
      }
      if (escort.reminders?.some(owed)) {
        await change(escort._id, (current) => ({
          reminders: (current.reminders ?? []).map((reminder) =>
            owed(reminder) ? { ...reminder, sentAt: now } : reminder,
          ),
        }));
      }
    },
  };
}

export type EscortBook = ReturnType<typeof escortBook>;
