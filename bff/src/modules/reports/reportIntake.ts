import { createHash } from 'node:crypto';
import { Types, type Connection } from 'mongoose';
import {
  nearbyReportPolicy,
  type CategoryCode,
  type CreateReportFields,
  type DeviceEvidence,
  type JoinReportRequest,
  type Priority,
} from '@jiefang/contracts';
import { higherPriority, raisedPriority } from '../../domain/priorities';
import type { Clock } from '../../infra/clock';
import type { Logger } from '../../infra/logger';
import type { Caller } from '../../http/appState';
import { HttpError, conflict, notFound, unprocessable } from '../../http/httpError';
import { joinRefusal } from '../../domain/nearbyReports';
import type { CategoryCatalogue } from '../../domain/categories';
import {
  duplicatePolicyFor,
  duplicateTicketFor,
  type OpenTicketSummary,
} from '../../domain/duplicateReports';
import { responsibleArea, type JurisdictionArea } from '../../domain/jurisdiction';
import { slaDeadlines } from '../../domain/slaDeadlines';
import { openTicketStatuses } from '../../domain/ticketTransitions';
import { gridFor, type District } from '../district/district';
import type { TicketDispatcher } from '../dispatch/ticketDispatcher';
import type { SlaTimers } from '../dispatch/slaTimers';
import type { UploadedFile } from '../../http/multipart';
import { assertAcceptablePhotos, processPhoto } from '../photos/photoProcessing';
import type { PhotoStore, StoredPhoto } from '../photos/photoStore';
import type { PhotoUploads } from '../photos/photoUploads';
import { applyTicketChange, withChange, type TicketChanges } from '../tickets/ticketChanges';
import type { TicketDocument } from '../tickets/ticketModel';
import type { TicketStore } from '../tickets/ticketStore';
import { submissionFrom, submissionsOf } from '../tickets/ticketSubmissions';
import { idempotencyModel } from './idempotencyModel';
import type { IntakeKeys } from './intakeKeys';
import type { OpenTicketIndex } from './openTicketIndex';

/** A created ticket's id follows from the resident and their Idempotency-Key: a retry cannot make a second. */
const reportTicketId = (keyId: string) =>
  createHash('sha1').update(`report:${keyId}`).digest('hex').slice(0, 24);

export interface IntakeResult {
  ticket: TicketDocument;
  outcome: 'created' | 'joined' | 'replayed';
}

/** A report's photos: sent with it (multipart), or uploaded before it and named by id. */
export type ReportPhotos = { kind: 'files'; files: UploadedFile[] } | { kind: 'uploaded'; ids: string[] };

export interface ReportIntakeDeps {
  connection: Connection;
  store: TicketStore;
  photos: PhotoStore;
  uploads: PhotoUploads;
  categories: CategoryCatalogue;
  district: District;
  dispatcher: TicketDispatcher;
  timers: SlaTimers;
  clock: Clock;
  /**
   * The change kernel over tickets: changes to stored tickets, and new tickets inserted through the
   * store's group commit with their notifications marked and relayed.
   */
  changes: Pick<TicketChanges, 'apply' | 'insert'>;
  openTickets: OpenTicketIndex;
  keys: IntakeKeys;
  logger: Logger;
  timeScale: number;
}

/**
 * Turns a resident's report into a ticket: photos checked before anything is stored, a retried
 * submission answered with the first ticket, a report near an open ticket of the same category joined
 * to it, and a new ticket routed and dispatched before the response.
 */
export function reportIntake(deps: ReportIntakeDeps) {
  const Keys = idempotencyModel(deps.connection);
  const areas: JurisdictionArea[] = deps.district.features.map((feature) => ({
    id: feature.properties.id,
    rings: feature.geometry.coordinates as Array<Array<[number, number]>>,
  }));

  const refuseReusedKey = () =>
    new HttpError(422, 'unprocessable', '同一个 Idempotency-Key 不能用于不同的上报内容');

  /**
   * What a retry gets: the first attempt's ticket, unless the key was used for something else. A
   * ticket's own hash is its creator's, so it is checked only against the key that created it; a
   * joined ticket's key carries the joiner's hash.
   */
  const replayOf = async (ticketId: string, requestHash: string, keyId: string, knownHash?: string) => {
    if (knownHash !== undefined && knownHash !== requestHash) throw refuseReusedKey();
    const ticket = await deps.store.findById(ticketId);
    const createdByKey = ticketId === reportTicketId(keyId);
    if (createdByKey && ticket?.requestHash && ticket.requestHash !== requestHash) throw refuseReusedKey();
    return ticket;
  };

  /** The ticket an earlier attempt with this key made or joined, if it got that far. */
  const earlierTicketOf = async (keyId: string, requestHash: string) => {
    const durable = await Keys.findById(keyId).lean();
    if (durable?.ticketId) return replayOf(durable.ticketId, requestHash, keyId, durable.requestHash);
    return replayOf(reportTicketId(keyId), requestHash, keyId);
  };

  /**
   * Joins the resident to the ticket `find` gives (the nearest duplicate, or the one they chose), found
   * afresh on every attempt so a concurrent change is decided again; null when there is none.
   */
  const joinOpenTicket = async (
    caller: Caller,
    fields: CreateReportFields,
    stored: StoredPhoto[],
    keyId: string,
    requestHash: string,
    find: () => Promise<TicketDocument | null> = () =>
      openTicketsNear(fields.category, { lat: fields.lat, lng: fields.lng }),
  ): Promise<TicketDocument | null> => {
    const now = deps.clock.now();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const ticket = await find();
      if (!ticket) return null;
      if (ticket.reporterIds.includes(caller.userId)) return ticket;
      const durable = await Keys.findById(keyId).lean();
      if (durable?.ticketId) return replayOf(durable.ticketId, requestHash, keyId, durable.requestHash);
      const joined = await applyTicketChange(deps, ticket, {
        action: 'report_joined',
        to: ticket.status,
        actor: {
          id: fields.anonymous ? null : caller.userId,
          role: 'resident',
          name: fields.anonymous ? null : (caller.name ?? null),
        },
        reason: '附近同类问题的新上报已合并到本工单',
        details: { reporterCount: ticket.reporterCount + 1 },
        set: {
          reporters: [...ticket.reporters, { userId: caller.userId, anonymous: fields.anonymous, at: now }],
          reporterCount: ticket.reporterCount + 1,
          // The joiner's own report stays theirs: only they and staff see it.
          submissions: [...submissionsOf(ticket), submissionFrom(caller.userId, fields, stored, now)],
          photos: [...ticket.photos, ...stored],
          // A resident confirming what a sensor measured makes the case stronger and more urgent.
          ...(ticket.deviceEvidence?.length && ticket.reporterCount === 0
            ? { priority: raisedPriority(ticket.priority) }
            : {}),
        },
        addToSet: { reporterIds: caller.userId },
        notify: ticket.assigneeId
          ? [
              {
                recipientId: ticket.assigneeId,
                template: 'report_joined',
                data: { ticketId: ticket._id, reporterCount: ticket.reporterCount + 1 },
              },
            ]
          : [],
      });
      if (joined) {
        // A ticket joined is not derived from the key, so the key itself is kept for later retries.
        await Keys.create({
          _id: keyId,
          state: 'done',
          requestHash,
          ticketId: joined._id,
          createdAt: now,
        }).catch((error: { code?: number }) => {
          if (error.code !== 11000) throw error;
        });
        return joined;
      }
    }
    throw conflict('工单正在更新，请重试');
  };

  /** A new ticket routed to the squad whose area holds the point, its SLA clock starting now. */
  const buildTicket = (input: {
    id?: string;
    category: CategoryCode;
    priority?: Priority;
    location: { lat: number; lng: number };
    accuracy?: number;
    address: string;
    description: string;
    reporter: { userId: string; anonymous: boolean; name: string | null } | null;
    photos: StoredPhoto[];
    deviceEvidence?: DeviceEvidence[];
    requestHash?: string;
  }): TicketDocument => {
    const now = deps.clock.now();
    const category = deps.categories.get(input.category);
    const match = responsibleArea(input.location, areas);
    const street =
      match.kind === 'single'
        ? deps.district.features.find((f) => f.properties.id === match.areaId)
        : undefined;
    const deadlines = slaDeadlines({
      reportedAt: now,
      assignedAt: now,
      onSiteSlaMinutes: category.onSiteSlaMinutes,
      timeScale: deps.timeScale,
    });
    const reporter = input.reporter;
    return {
      _id: input.id ?? new Types.ObjectId().toHexString(),
      category: input.category,
      categoryName: category.name,
      departmentName: category.departmentName,
      onSiteSlaMinutes: category.onSiteSlaMinutes,
      categoryVersion: category.version,
      priority: higherPriority(category.priority, input.priority ?? category.priority),
      department: category.department,
      location: input.location,
      ...(input.accuracy !== undefined ? { accuracy: input.accuracy } : {}),
      address: input.address,
      description: input.description,
      reporters: reporter ? [{ userId: reporter.userId, anonymous: reporter.anonymous, at: now }] : [],
      reporterIds: reporter ? [reporter.userId] : [],
      reporterCount: reporter ? 1 : 0,
      submissions: reporter
        ? [
            {
              reporterId: reporter.userId,
              anonymous: reporter.anonymous,
              description: input.description,
              address: input.address,
              location: input.location,
              ...(input.accuracy !== undefined ? { accuracy: input.accuracy } : {}),
              photos: input.photos,
              submittedAt: now,
            },
          ]
        : [],
      photos: input.photos,
      routing: match.kind,
      streetId: street?.properties.id ?? null,
      squadId: street?.properties.squadId ?? null,
      gridId: street ? (gridFor(deps.district, input.location, street.properties.id)?.id ?? null) : null,
      status: 'dispatch_queue',
      version: 1,
      assigneeId: null,
      assignmentSeq: 0,
      refusedBy: [],
      reportedAt: now,
      updatedAt: now,
      slaStartedAt: now,
      slaRound: 1,
      deadlines: { acceptBy: null, warnAt: deadlines.warnAt, breachAt: deadlines.breachAt },
      slaWarned: false,
      slaBreached: false,
      onSiteAt: null,
      resolvedAt: null,
      resolution: null,
      rating: null,
      timeline: [
        {
          at: now,
          action: reporter ? 'report' : 'device_alarm',
          from: null,
          to: 'dispatch_queue',
          actorId: reporter && !reporter.anonymous ? reporter.userId : null,
          actorRole: reporter ? 'resident' : 'device',
          actorName: reporter && !reporter.anonymous ? reporter.name : null,
          details: { routing: match.kind, ...(match.kind === 'overlap' ? { areas: match.areaIds } : {}) },
        },
      ],
      pendingNotifications: [],
      ...(input.deviceEvidence ? { deviceEvidence: input.deviceEvidence } : {}),
      ...(input.requestHash ? { requestHash: input.requestHash } : {}),
    };
  };

  /**
   * A new ticket, routed and with its first dispatch decided before it is written, so creating it is
   * one insert. Without Redis (no positions) it is stored waiting, and the sweep dispatches it later.
   */
  const dispatchedDraft = async (draft: TicketDocument): Promise<TicketDocument> => {
    let change;
    try {
      change = await deps.dispatcher.planDispatch(draft, { reason: '自动派单' });
    } catch (error) {
      deps.logger.warn({ err: error, ticketId: draft._id }, 'first dispatch deferred to the sweep');
      return draft;
    }
    return change ? withChange(draft, change, deps.clock.now()) : draft;
  };

  /**
   * Everything around a new ticket that lives outside it: clocks, the duplicate index, the live queues
   * (the change kernel has kept the workloads in step and relays its notifications).
   */
  const afterCreate = async (ticket: TicketDocument) => {
    await Promise.all([
      deps.timers.scheduleAll([
        { job: { ticketId: ticket._id, kind: 'warn', sequence: 1 }, at: ticket.deadlines.warnAt },
        { job: { ticketId: ticket._id, kind: 'breach', sequence: 1 }, at: ticket.deadlines.breachAt },
        ...deps.dispatcher.acceptTimerOf(ticket),
      ]),
      deps.openTickets.add(ticket),
    ]);
    deps.dispatcher.afterChange(ticket).catch((error: unknown) => {
      deps.logger.warn({ err: error, ticketId: ticket._id }, 'announcing a new ticket failed');
    });
  };

  /**
   * Stores a new ticket in one insert through the store's group commit (intake's throughput depends on
   * it); an existing one under the same id (a retry) comes back instead.
   */
  const storeNew = async (draft: TicketDocument, requestHash?: string, keyId?: string) => {
    const ticket = await dispatchedDraft(draft);
    if (await deps.changes.insert(ticket, deps.store.insert)) {
      await afterCreate(ticket);
      return { ticket, created: true as const };
    }
    const existing = requestHash
      ? await replayOf(ticket._id, requestHash, keyId ?? '')
      : await deps.store.findById(ticket._id);
    if (!existing) throw conflict('工单正在写入，请重试');
    return { ticket: existing, created: false as const };
  };

  /** The nearest open ticket of the category that a report here should join, if any. */
  const openTicketsNear = async (category: CategoryCode, location: { lat: number; lng: number }) => {
    const now = deps.clock.now();
    const policy = duplicatePolicyFor(category);
    let candidates: OpenTicketSummary[] = await deps.openTickets.near(
      category,
      location,
      policy.radiusMeters,
      new Date(now.getTime() - policy.windowMs),
    );
    for (;;) {
      const match = duplicateTicketFor({ category, location, at: now }, candidates);
      if (!match) return null;
      const ticket = await deps.store.findById(match.id);
      if (ticket && openTicketStatuses.includes(ticket.status)) return ticket;
      await deps.openTickets.forget(category, [match.id]);
      candidates = candidates.filter((candidate) => candidate.id !== match.id);
    }
  };

  return {
    /**
     * Whether a resident's Idempotency-Key has been answered, so its retry is a replay that costs no
     * rate-limit budget. Redis knows for a week; `durable` also asks MongoDB (when Redis may have forgotten).
     */
    async answered(userId: string, idempotencyKey: string, options: { durable?: boolean } = {}) {
      const keyId = `${userId}:${idempotencyKey}`;
      if (await deps.keys.isDone(keyId)) return true;
      if (!options.durable) return false;
      const [key, ticket] = await Promise.all([
        Keys.exists({ _id: keyId, state: 'done' }),
        deps.store.exists(reportTicketId(keyId)),
      ]);
      return Boolean(key) || ticket;
    },

    /**
     * A device alarm that needs enforcement: it backs an open ticket of the category nearby (residents'
     * reports of the same noise, say), raising its priority, or opens and dispatches a new one. The
     * ticket id comes from the alarm, so replaying the alarm never opens a second ticket.
     */
    async openForDevice(input: {
      category: CategoryCode;
      priority?: Priority;
      location: { lat: number; lng: number };
      address: string;
      description: string;
      evidence: DeviceEvidence;
    }): Promise<TicketDocument> {
      const ticketId = createHash('sha1')
        .update(`alarm:${input.evidence.alarmId}`)
        .digest('hex')
        .slice(0, 24);
      const replayed = await deps.store.findById(ticketId);
      if (replayed) return replayed;
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const nearby = await openTicketsNear(input.category, input.location);
        if (!nearby) break;
        if (nearby.deviceEvidence?.some((item) => item.alarmId === input.evidence.alarmId)) return nearby;
        const backed = await applyTicketChange(deps, nearby, {
          action: 'device_evidence',
          to: nearby.status,
          actor: { id: null, role: 'device', name: null },
          reason: '监测设备数据佐证了本工单',
          details: { deviceId: input.evidence.deviceId, alarmId: input.evidence.alarmId },
          set: {
            deviceEvidence: [...(nearby.deviceEvidence ?? []), input.evidence],
            priority: higherPriority(raisedPriority(nearby.priority), input.priority ?? nearby.priority),
          },
          notify: [],
        });
        if (backed) return backed;
      }
      const ticket = buildTicket({
        id: ticketId,
        category: input.category,
        ...(input.priority ? { priority: input.priority } : {}),
        location: input.location,
        address: input.address,
        description: input.description,
        reporter: null,
        photos: [],
        deviceEvidence: [input.evidence],
      });
      return (await storeNew(ticket)).ticket;
    },

    /**
     * 我也遇到: the resident joins the open ticket they chose from the nearby list, with their own point and
     * words kept as their submission. Idempotent like a report (same Idempotency-Key, same answer); a
     * ticket that is closed or farther than the nearby radius from their point is refused, never joined.
     */
    async joinChosen(input: {
      caller: Caller;
      ticketId: string;
      request: JoinReportRequest;
      idempotencyKey: string;
    }): Promise<IntakeResult> {
      const { caller, request } = input;
      const requestHash = createHash('sha256')
        .update(JSON.stringify(['join', input.ticketId, request.lat, request.lng, request.description]))
        .digest('hex');
      const keyId = `${caller.userId}:${input.idempotencyKey}`;
      const claim = await deps.keys.claim(keyId, requestHash);
      if (claim.state === 'done') {
        const replay = await replayOf(claim.ticketId, requestHash, keyId, claim.requestHash);
        if (replay) return { ticket: replay, outcome: 'replayed' };
      }
      if (claim.state === 'pending') {
        if (claim.requestHash !== requestHash) throw refuseReusedKey();
        throw new HttpError(
          409,
          'conflict',
          '正在加入，请稍后查看',
          { retryAfterSeconds: 2 },
          { 'Retry-After': '2' },
        );
      }
      let joined: TicketDocument | null;
      try {
        const point = { lat: request.lat, lng: request.lng };
        const chosen = async () => {
          const ticket = await deps.store.findById(input.ticketId);
          if (!ticket) throw notFound('没有找到这条上报');
          const refusal = joinRefusal(ticket, point);
          if (refusal === 'closed')
            throw new HttpError(
              422,
              'unprocessable',
              '这件事已经办结，不能再加入；如果问题还在，请重新上报',
              {
                reason: 'closed',
              },
            );
          if (refusal === 'too_far')
            throw new HttpError(
              422,
              'unprocessable',
              `这件事离你选的位置超过 ${nearbyReportPolicy.radiusMeters} 米，不能加入；请直接上报`,
              { reason: 'too_far' },
            );
          return ticket;
        };
        const target = await chosen();
        joined = await joinOpenTicket(
          caller,
          {
            category: target.category,
            lat: request.lat,
            lng: request.lng,
            ...(request.accuracy !== undefined ? { accuracy: request.accuracy } : {}),
            address: request.address,
            description: request.description,
            anonymous: request.anonymous,
          },
          [],
          keyId,
          requestHash,
          chosen,
        );
        if (!joined) throw notFound('没有找到这条上报');
      } catch (error) {
        await deps.keys.release(keyId, requestHash).catch(() => undefined);
        throw error;
      }
      await deps.keys.complete(keyId, requestHash, joined._id);
      return { ticket: joined, outcome: 'joined' };
    },

    async submit(input: {
      caller: Caller;
      fields: CreateReportFields;
      photos: ReportPhotos;
      idempotencyKey: string;
    }): Promise<IntakeResult> {
      const { photos } = input;
      // Only new reports: the open tickets of a category switched off go on, and may still be joined.
      if (!deps.categories.get(input.fields.category).enabled)
        throw unprocessable('该类问题已暂停受理，请选择其他分类', {
          reason: 'category_disabled',
          category: input.fields.category,
        });
      if (photos.kind === 'files') await assertAcceptablePhotos(photos.files);
      const photoDigest =
        photos.kind === 'files'
          ? Buffer.concat(photos.files.map((file) => createHash('sha256').update(file.buffer).digest()))
          : Buffer.from(photos.ids.join(','));
      const requestHash = createHash('sha256')
        .update(
          JSON.stringify([
            input.fields.category,
            input.fields.lat,
            input.fields.lng,
            input.fields.description,
          ]),
        )
        .update(photoDigest)
        .digest('hex');
      const keyId = `${input.caller.userId}:${input.idempotencyKey}`;
      const claim = await deps.keys.claim(keyId, requestHash);
      if (claim.state === 'done') {
        const replay = await replayOf(claim.ticketId, requestHash, keyId, claim.requestHash);
        if (replay) return { ticket: replay, outcome: 'replayed' };
      }
      if (claim.state === 'pending') {
        if (claim.requestHash !== requestHash) throw refuseReusedKey();
        throw new HttpError(
          409,
          'conflict',
          '这条上报正在处理中，请稍后查看',
          { retryAfterSeconds: 2 },
          { 'Retry-After': '2' },
        );
      }

      const stored: StoredPhoto[] = [];
      let result: IntakeResult;
      try {
        if (photos.kind === 'uploaded') {
          stored.push(...(await deps.uploads.take(input.caller.userId, photos.ids)));
        } else {
          const processed = await Promise.all(photos.files.map((file) => processPhoto(file)));
          for (const photo of processed) {
            stored.push(await deps.photos.save(photo, { uploadedBy: input.caller.userId, kind: 'report' }));
          }
        }
        const joined = await joinOpenTicket(input.caller, input.fields, stored, keyId, requestHash);
        if (joined) {
          result = { ticket: joined, outcome: joined._id === reportTicketId(keyId) ? 'replayed' : 'joined' };
        } else {
          const fields = input.fields;
          const { ticket, created } = await storeNew(
            buildTicket({
              id: reportTicketId(keyId),
              category: fields.category,
              location: { lat: fields.lat, lng: fields.lng },
              ...(fields.accuracy !== undefined ? { accuracy: fields.accuracy } : {}),
              address: fields.address,
              description: fields.description,
              reporter: {
                userId: input.caller.userId,
                anonymous: fields.anonymous,
                name: input.caller.name ?? null,
              },
              photos: stored,
              requestHash,
            }),
            requestHash,
            keyId,
          );
          result = { ticket, outcome: created ? 'created' : 'replayed' };
        }
        // Photos the resulting ticket does not hold go: a replay keeps the first attempt's, and a resident
        // reporting their own open ticket again is answered with it as it is.
        const held = new Set(result.ticket.photos.map((photo) => photo.id));
        const unused = stored.filter((photo) => !held.has(photo.id));
        if (unused.length) await deps.photos.remove(unused.flatMap((p) => [p.id, p.thumbnailId]));
      } catch (error) {
        // Nothing half-done stays behind: photos sent with the report go, uploaded ones wait again for
        // the draft's retry, and the key is released.
        if (photos.kind === 'uploaded') {
          await deps.uploads.giveBack(input.caller.userId, stored, deps.clock.now()).catch(() => undefined);
        } else {
          await deps.photos.remove(stored.flatMap((photo) => [photo.id, photo.thumbnailId]));
        }
        // The uploads are gone because an attempt that died before answering stored its ticket with
        // them: this retry is answered with that ticket (else the draft would re-upload, change its
        // request and be refused for reusing the key).
        const earlier = isPhotoRefusal(error)
          ? await earlierTicketOf(keyId, requestHash).catch(() => null)
          : null;
        if (earlier) {
          await deps.keys.complete(keyId, requestHash, earlier._id);
          return { ticket: earlier, outcome: 'replayed' };
        }
        await deps.keys.release(keyId, requestHash).catch(() => undefined);
        throw error;
      }
      await deps.keys.complete(keyId, requestHash, result.ticket._id);
      return result;
    },
  };
}

export type ReportIntake = ReturnType<typeof reportIntake>;

/** The 422 of uploads that are gone, which names them as `photoIds.N`. */
const isPhotoRefusal = (error: unknown) => {
  if (!(error instanceof HttpError) || error.status !== 422) return false;
  const fields = (error.details as { fields?: Array<{ path: string }> } | undefined)?.fields;
  return Boolean(fields?.some((field) => field.path.startsWith('photoIds.')));
};
