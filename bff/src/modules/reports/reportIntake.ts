import { createHash } from 'node:crypto';
import { Types, type Connection, type Model } from 'mongoose';
import ngeohash from 'ngeohash';
import type { CategoryCode, CreateReportFields, DeviceEvidence, Priority } from '@jiefang/contracts';
import { higherPriority, raisedPriority } from '../../domain/priorities';
import type { Clock } from '../../infra/clock';
import type { DocumentLocks } from '../../infra/documentLocks';
import type { Caller } from '../../http/appState';
import { HttpError, conflict } from '../../http/httpError';
import type { CategoryCatalogue } from '../../domain/categories';
import { duplicatePolicyFor, duplicateTicketFor } from '../../domain/duplicateReports';
import { responsibleArea, type JurisdictionArea } from '../../domain/jurisdiction';
import { slaDeadlines } from '../../domain/slaDeadlines';
import { openTicketStatuses } from '../../domain/ticketTransitions';
import type { District } from '../district/district';
import type { TicketDispatcher } from '../dispatch/ticketDispatcher';
import type { SlaTimers } from '../dispatch/slaTimers';
import { assertAcceptablePhotos, processPhoto, type UploadedFile } from '../photos/photoProcessing';
import type { PhotoStore, StoredPhoto } from '../photos/photoStore';
import { applyTicketChange } from '../tickets/ticketChanges';
import { idempotencyModel } from './idempotencyModel';
import type { TicketDocument } from './ticketModel';

/** A pending key older than this belongs to an attempt that died; a retry may take it over. */
const abandonedAfterMs = 60_000;
const geohashPrecision = 6;

export interface IntakeResult {
  ticket: TicketDocument;
  outcome: 'created' | 'joined' | 'replayed';
}

export interface ReportIntakeDeps {
  connection: Connection;
  tickets: Model<TicketDocument>;
  photos: PhotoStore;
  categories: CategoryCatalogue;
  district: District;
  dispatcher: TicketDispatcher;
  timers: SlaTimers;
  clock: Clock;
  locks: DocumentLocks;
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

  const claimKey = async (keyId: string, requestHash: string): Promise<TicketDocument | null> => {
    const now = deps.clock.now();
    try {
      await Keys.create({ _id: keyId, state: 'pending', requestHash, ticketId: null, createdAt: now });
      return null;
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
    }
    const existing = await Keys.findById(keyId).lean();
    if (!existing) return claimKey(keyId, requestHash);
    if (existing.requestHash !== requestHash) {
      throw new HttpError(422, 'unprocessable', '同一个 Idempotency-Key 不能用于不同的上报内容');
    }
    if (existing.state === 'done' && existing.ticketId) {
      const ticket = await deps.tickets.findById(existing.ticketId).lean<TicketDocument>();
      if (ticket) return ticket;
    }
    const abandoned = now.getTime() - existing.createdAt.getTime() > abandonedAfterMs;
    if (existing.state === 'pending' && abandoned) {
      const taken = await Keys.updateOne(
        { _id: keyId, state: 'pending', createdAt: existing.createdAt },
        { $set: { createdAt: now } },
      );
      if (taken.modifiedCount === 1) return null;
    }
    throw new HttpError(
      409,
      'conflict',
      '这条上报正在处理中，请稍后查看',
      { retryAfterSeconds: 2 },
      { 'Retry-After': '2' },
    );
  };

  const joinOpenTicket = async (
    caller: Caller,
    fields: CreateReportFields,
    stored: StoredPhoto[],
  ): Promise<TicketDocument | null> => {
    const now = deps.clock.now();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const ticket = await openTicketsNear(fields.category, { lat: fields.lat, lng: fields.lng });
      if (!ticket) return null;
      if (ticket.reporterIds.includes(caller.userId)) return ticket;
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
      if (joined) return joined;
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
      priority: higherPriority(category.priority, input.priority ?? category.priority),
      department: category.department,
      location: input.location,
      geohash: ngeohash.encode(input.location.lat, input.location.lng, geohashPrecision),
      ...(input.accuracy !== undefined ? { accuracy: input.accuracy } : {}),
      address: input.address,
      description: input.description,
      reporters: reporter ? [{ userId: reporter.userId, anonymous: reporter.anonymous, at: now }] : [],
      reporterIds: reporter ? [reporter.userId] : [],
      reporterCount: reporter ? 1 : 0,
      photos: input.photos,
      routing: match.kind,
      streetId: street?.properties.id ?? null,
      squadId: street?.properties.squadId ?? null,
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
    };
  };

  const createTicket = async (caller: Caller, fields: CreateReportFields, stored: StoredPhoto[]) => {
    const ticket = buildTicket({
      category: fields.category,
      location: { lat: fields.lat, lng: fields.lng },
      ...(fields.accuracy !== undefined ? { accuracy: fields.accuracy } : {}),
      address: fields.address,
      description: fields.description,
      reporter: { userId: caller.userId, anonymous: fields.anonymous, name: caller.name ?? null },
      photos: stored,
    });
    await deps.tickets.create(ticket);
    return ticket;
  };

  /** Open tickets of a category near a point, newest window only: the candidates to join. */
  const openTicketsNear = async (category: CategoryCode, location: { lat: number; lng: number }) => {
    const now = deps.clock.now();
    const cells = ngeohash.neighbors(ngeohash.encode(location.lat, location.lng, geohashPrecision));
    cells.push(ngeohash.encode(location.lat, location.lng, geohashPrecision));
    const candidates = await deps.tickets
      .find({
        category,
        geohash: { $in: cells },
        status: { $in: openTicketStatuses },
        reportedAt: { $gte: new Date(now.getTime() - duplicatePolicyFor(category).windowMs) },
      })
      .lean<TicketDocument[]>();
    const match = duplicateTicketFor(
      { category, location, at: now },
      candidates.map((ticket) => ({ ...ticket, id: ticket._id })),
    );
    return match ? (candidates.find((candidate) => candidate._id === match.id) ?? null) : null;
  };

  /** Timers and the first assignment; if Redis is down the ticket waits, safe, for the sweep. */
  const startClockAndDispatch = async (ticket: TicketDocument): Promise<TicketDocument> => {
    await deps.timers.schedule({ ticketId: ticket._id, kind: 'warn', sequence: 1 }, ticket.deadlines.warnAt);
    await deps.timers.schedule(
      { ticketId: ticket._id, kind: 'breach', sequence: 1 },
      ticket.deadlines.breachAt,
    );
    return (await deps.dispatcher.dispatch(ticket._id, { reason: '自动派单' })) ?? ticket;
  };

  return {
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
      const replayed = await deps.tickets.findById(ticketId).lean<TicketDocument>();
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
      try {
        await deps.tickets.create(ticket);
      } catch (error) {
        if ((error as { code?: number }).code !== 11000) throw error;
        const existing = await deps.tickets.findById(ticketId).lean<TicketDocument>();
        if (existing) return existing;
        throw error;
      }
      return startClockAndDispatch(ticket);
    },

    async submit(input: {
      caller: Caller;
      fields: CreateReportFields;
      files: UploadedFile[];
      idempotencyKey: string;
    }): Promise<IntakeResult> {
      await assertAcceptablePhotos(input.files);
      const requestHash = createHash('sha256')
        .update(
          JSON.stringify([
            input.fields.category,
            input.fields.lat,
            input.fields.lng,
            input.fields.description,
          ]),
        )
        .update(Buffer.concat(input.files.map((file) => createHash('sha256').update(file.buffer).digest())))
        .digest('hex');
      const keyId = `${input.caller.userId}:${input.idempotencyKey}`;
      const replay = await claimKey(keyId, requestHash);
      if (replay) return { ticket: replay, outcome: 'replayed' };

      const stored: StoredPhoto[] = [];
      let ticket: TicketDocument;
      let outcome: IntakeResult['outcome'];
      try {
        const processed = await Promise.all(input.files.map((file) => processPhoto(file)));
        for (const photo of processed) {
          stored.push(await deps.photos.save(photo, { uploadedBy: input.caller.userId, kind: 'report' }));
        }
        const joined = await joinOpenTicket(input.caller, input.fields, stored);
        ticket = joined ?? (await createTicket(input.caller, input.fields, stored));
        outcome = joined ? 'joined' : 'created';
      } catch (error) {
        // Nothing half-done stays behind: the photos go and the key is released for a retry.
        await deps.photos.remove(stored.flatMap((photo) => [photo.id, photo.thumbnailId]));
        await Keys.deleteOne({ _id: keyId, state: 'pending' });
        throw error;
      }
      await Keys.updateOne({ _id: keyId }, { $set: { state: 'done', ticketId: ticket._id } });
      if (outcome === 'created') ticket = await startClockAndDispatch(ticket);
      return { ticket, outcome };
    },
  };
}

export type ReportIntake = ReturnType<typeof reportIntake>;
