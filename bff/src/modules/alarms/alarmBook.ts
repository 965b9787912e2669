import type { Model } from 'mongoose';
import type { Alarm, AlarmListQuery, AlarmType, DeviceType } from '@jiefang/contracts';
import { alarmTransitions } from '../../domain/alarmTransitions';
import { alarmSeverityOf } from '../../domain/deviceAlarmRules';
import { allows } from '../../domain/statusTransitions';
import { isLaterDetection, uplinkIdentity } from '../../domain/uplinkIdentity';
import { conflict, notFound } from '../../http/httpError';
import { isoOrNull } from '../../http/isoDate';
import type { Clock } from '../../infra/clock';
import type { DocumentLocks } from '../../infra/documentLocks';
import type { Logger } from '../../infra/logger';
import {
  versionedChanges,
  type NotificationRelay,
  type PendingNotification,
} from '../../infra/versionedChanges';
import { findStreet, type District } from '../district/district';
import type { AlarmDocument, AlarmTimelineRecord, NoiseEvidence, RemoteWarningRecord } from './alarmModel';

/** What the alarm book needs to know of a device. */
export interface AlarmedDevice {
  id: string;
  type: DeviceType;
  streetId: string;
  site: string | null;
  householdId: string | null;
  location: { lat: number; lng: number };
}

export interface Detection {
  seq: number;
  at: Date;
  confidence?: number;
  noise?: NoiseEvidence;
}

export type AlarmActor = { id: string; name: string | null } | null;

const maxTimeline = 200;

/** The source name under which alarms' notifications are marked and relayed. */
export const alarmNotificationSource = 'alarms';

/**
 * Alarms' lifecycle (`domain/alarmTransitions`): active → acknowledged → cleared, one open alarm per
 * device and type (repeats raise its count), and a timeline. Every change goes through the
 * versioned-changes kernel, with the notifications it causes, and is announced.
 */
export function alarmBook(deps: {
  alarms: Model<AlarmDocument>;
  locks: DocumentLocks;
  clock: Clock;
  district: District;
  relay: NotificationRelay;
  logger: Logger;
  onChange: (alarm: AlarmDocument) => void;
}) {
  const { alarms } = deps;
  const changes = versionedChanges<AlarmDocument>({
    source: alarmNotificationSource,
    lockPrefix: 'alarm',
    documents: alarms,
    locks: deps.locks,
    clock: deps.clock,
    relay: deps.relay,
    logger: deps.logger,
  });
  const entry = (
    action: string,
    actor: AlarmActor = null,
    note: string | null = null,
  ): AlarmTimelineRecord => ({
    at: deps.clock.now(),
    action,
    actorId: actor?.id ?? null,
    actorName: actor?.name ?? null,
    note,
  });

  /**
   * Changes one alarm, with the notifications the change causes; `apply` returns null to leave it as
   * it is. Resolves with null when nothing changed and nothing was to be sent.
   */
  const change = async (
    id: string,
    apply: (alarm: AlarmDocument) => AlarmDocument | null,
    notify: readonly PendingNotification[] = [],
  ): Promise<AlarmDocument | null> => {
    const outcome = await changes.apply(id, (current) => {
      const next = apply(current);
      if (!next) return null;
      return { set: { ...next, timeline: next.timeline.slice(-maxTimeline) }, notify };
    });
    if (!outcome) throw notFound('告警不存在');
    if (outcome.changed) deps.onChange(outcome.document);
    return outcome.changed || notify.length ? outcome.document : null;
  };

  const openKey = (deviceId: string, type: AlarmType) => `${deviceId}:${type}`;

  return {
    async get(id: string): Promise<AlarmDocument> {
      const alarm = await alarms.findById(id).lean<AlarmDocument>();
      if (!alarm) throw notFound('告警不存在');
      return alarm;
    },

    findOpen(deviceId: string, type: AlarmType): Promise<AlarmDocument | null> {
      return alarms
        .findOne({ openKey: openKey(deviceId, type) })
        .lean<AlarmDocument>()
        .exec();
    },

    /**
     * Opens an alarm for a detection, or folds the detection into the open one. `fresh` says this
     * detection is the one that opened the alarm (also when it is replayed after a crash), so the
     * caller runs the alarm's reactions, which are idempotent, again rather than never.
     */
    async openOrRepeat(
      device: AlarmedDevice,
      type: AlarmType,
      detection: Detection,
    ): Promise<{ alarm: AlarmDocument; fresh: boolean }> {
      // The detection's own identity: a rebooted device's seq 1 is not the seq 1 of an old alarm.
      const id = `${device.id}:${type}:${uplinkIdentity({ ts: detection.at.getTime(), seq: detection.seq })}`;
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const open = await alarms.findOne({ openKey: openKey(device.id, type) }).lean<AlarmDocument>();
        if (open) {
          if (open._id === id) return { alarm: open, fresh: true };
          const repeated = await change(open._id, (alarm) => {
            const last = { at: new Date(alarm.lastDetectedAt).getTime(), seq: alarm.lastSeq };
            // A batch replayed after a crash folds nothing twice.
            if (
              !allows(alarmTransitions, 'repeat', alarm.status) ||
              !isLaterDetection({ at: detection.at.getTime(), seq: detection.seq }, last)
            )
              return null;
            return {
              ...alarm,
              count: alarm.count + 1,
              lastSeq: detection.seq,
              lastDetectedAt: detection.at,
              confidence:
                detection.confidence !== undefined
                  ? Math.max(alarm.confidence ?? 0, detection.confidence)
                  : alarm.confidence,
              timeline: [...alarm.timeline, entry('repeated')],
            };
          });
          return { alarm: repeated ?? open, fresh: false };
        }
        const existing = await alarms.findById(id).lean<AlarmDocument>();
        // Replayed after the alarm was already cleared: nothing new happened.
        if (existing) return { alarm: existing, fresh: false };
        const now = deps.clock.now();
        const alarm: AlarmDocument = {
          _id: id,
          openKey: openKey(device.id, type),
          deviceId: device.id,
          deviceType: device.type,
          type,
          status: 'active',
          severity: alarmSeverityOf[type],
          count: 1,
          lastSeq: detection.seq,
          ticketId: null,
          streetId: device.streetId,
          site: device.site,
          householdId: device.householdId,
          location: device.location,
          openedAt: detection.at,
          lastDetectedAt: detection.at,
          acknowledgedAt: null,
          clearedAt: null,
          noise: detection.noise ?? null,
          confidence: detection.confidence ?? null,
          warnings: [],
          timeline: [entry('opened')],
          version: 0,
          pendingNotifications: [],
          updatedAt: now,
        };
        try {
          await alarms.create(alarm);
          deps.onChange(alarm);
          return { alarm, fresh: true };
        } catch (error) {
          // Another writer opened one for this device and type first: fold into it.
          if ((error as { code?: number }).code !== 11000) throw error;
        }
      }
      throw conflict('告警正在更新，请重试');
    },

    /**
     * Folds later detections into an open alarm in one write, so a detector repeating itself in a
     * burst costs one write per batch rather than one per message. Detections not later than the
     * alarm's last (a replayed batch) fold nothing; those arriving after it was cleared come back as
     * `unfolded`: they belong to a new alarm.
     */
    async repeatMany(id: string, detections: Detection[]): Promise<{ unfolded: Detection[] }> {
      let unfolded: Detection[] = [];
      await change(id, (alarm) => {
        // Decided again on a fresh read when another writer got in first.
        unfolded = [];
        if (alarm.status === 'cleared') {
          unfolded = detections;
          return null;
        }
        let last = { at: new Date(alarm.lastDetectedAt).getTime(), seq: alarm.lastSeq };
        let confidence = alarm.confidence;
        let later = 0;
        for (const detection of detections) {
          const identity = { at: detection.at.getTime(), seq: detection.seq };
          if (!isLaterDetection(identity, last)) continue;
          last = identity;
          later += 1;
          if (detection.confidence !== undefined)
            confidence = Math.max(confidence ?? 0, detection.confidence);
        }
        if (!later) return null;
        return {
          ...alarm,
          count: alarm.count + later,
          lastSeq: last.seq,
          lastDetectedAt: new Date(last.at),
          confidence,
          timeline: [...alarm.timeline, entry('repeated', null, later > 1 ? `连续检测到 ${later} 次` : null)],
        };
      });
      return { unfolded };
    },

    /** Stores when the alarm escalates unless one is stored already, and returns the stored one. */
    async storeEscalation(id: string, at: Date): Promise<Date> {
      await alarms.updateOne({ _id: id, escalateAt: null }, { $set: { escalateAt: at } });
      const stored = await alarms.findById(id, { escalateAt: 1 }).lean<Pick<AlarmDocument, 'escalateAt'>>();
      return stored?.escalateAt ?? at;
    },

    acknowledge(id: string, actor: AlarmActor, note?: string) {
      return change(id, (alarm) => {
        if (!allows(alarmTransitions, 'acknowledge', alarm.status)) {
          throw conflict(alarm.status === 'cleared' ? '告警已解除' : '告警已确认', { status: alarm.status });
        }
        return {
          ...alarm,
          status: 'acknowledged',
          acknowledgedAt: deps.clock.now(),
          timeline: [...alarm.timeline, entry('acknowledged', actor, note ?? null)],
        };
      });
    },

    /** Manual clearing by staff, or automatic when readings recover (actor null). */
    clear(id: string, actor: AlarmActor, note?: string) {
      return change(id, (alarm) => {
        if (!allows(alarmTransitions, 'clear', alarm.status)) {
          if (!actor) return null;
          throw conflict('告警已解除', { status: alarm.status });
        }
        return {
          ...alarm,
          status: 'cleared',
          openKey: alarm._id,
          clearedAt: deps.clock.now(),
          timeline: [...alarm.timeline, entry(actor ? 'cleared' : 'auto_cleared', actor, note ?? null)],
        };
      });
    },

    recordWarning(id: string, warning: RemoteWarningRecord, actor: AlarmActor) {
      return change(id, (alarm) => {
        if (alarm.warnings.some((item) => item.messageId === warning.messageId)) return null;
        return {
          ...alarm,
          warnings: [...alarm.warnings, warning],
          timeline: [...alarm.timeline, entry('warning_sent', actor, warning.text)],
        };
      });
    },

    async recordAck(deviceId: string, messageId: string, ok: boolean, at: Date) {
      const alarm = await alarms.findOne({ deviceId, 'warnings.messageId': messageId }, { _id: 1 }).lean();
      if (!alarm) return null;
      return change(alarm._id, (current) => {
        const warning = current.warnings.find((item) => item.messageId === messageId);
        if (!warning || warning.ackAt) return null;
        return {
          ...current,
          warnings: current.warnings.map((item) =>
            item.messageId === messageId ? { ...item, ackAt: at, ok } : item,
          ),
          timeline: [...current.timeline, entry(ok ? 'warning_acked' : 'warning_failed')],
        };
      });
    },

    recordNoise(id: string, noise: NoiseEvidence) {
      return change(id, (alarm) =>
        allows(alarmTransitions, 'record_noise', alarm.status) ? { ...alarm, noise } : null,
      );
    },

    note(id: string, action: string, note: string | null = null) {
      return change(id, (alarm) => ({ ...alarm, timeline: [...alarm.timeline, entry(action, null, note)] }));
    },

    /**
     * Writes notifications into the alarm, noting `action` in its timeline unless noted before, in
     * one change: the outbox gets them from the alarm even if this process dies right after.
     */
    notify(id: string, notifications: readonly PendingNotification[], action: string, note: string | null) {
      return change(
        id,
        (alarm) =>
          alarm.timeline.some((item) => item.action === action)
            ? alarm
            : { ...alarm, timeline: [...alarm.timeline, entry(action, null, note)] },
        notifications,
      );
    },

    attachTicket(id: string, ticketId: string) {
      return change(id, (alarm) =>
        alarm.ticketId === ticketId
          ? null
          : { ...alarm, ticketId, timeline: [...alarm.timeline, entry('ticket_opened', null, ticketId)] },
      );
    },

    async list(
      query: AlarmListQuery,
      scope: { streetIds?: string[]; householdIds?: string[] },
    ): Promise<{ items: AlarmDocument[]; total: number }> {
      const filter: Record<string, unknown> = {};
      if (query.deviceId) filter.deviceId = query.deviceId;
      if (query.type) filter.type = query.type;
      if (query.status) filter.status = { $in: query.status.split(',') };
      if (query.street) {
        const street = findStreet(deps.district, query.street);
        filter.streetId = street?.properties.id ?? query.street;
      }
      if (scope.streetIds) {
        const asked = filter.streetId;
        filter.streetId = { $in: asked ? scope.streetIds.filter((id) => id === asked) : scope.streetIds };
      }
      if (scope.householdIds) filter.householdId = { $in: scope.householdIds };
      const [items, total] = await Promise.all([
        alarms
          .find(filter)
          .sort({ openedAt: -1 })
          .skip(query.offset)
          .limit(query.limit)
          .lean<AlarmDocument[]>(),
        alarms.countDocuments(filter),
      ]);
      return { items, total };
    },

    view(alarm: AlarmDocument): Alarm {
      return alarmView(alarm, deps.district);
    },
  };
}

export type AlarmBook = ReturnType<typeof alarmBook>;

/**
 * The alarm's times as ISO text. Stored data may hold a time no Date can show (older code took any
 * device time): such a time is left out, and the times the alarm must have fall back to the
 * server's own record of the opening, so one bad alarm never breaks a list.
 */
export function alarmView(alarm: AlarmDocument, district: District): Alarm {
  const openedByServer = alarm.timeline.find((item) => item.action === 'opened')?.at;
  const openedAt =
    isoOrNull(alarm.openedAt) ??
    isoOrNull(openedByServer) ??
    isoOrNull(alarm.updatedAt) ??
    // Nothing readable at all: the epoch sorts it last rather than failing the whole list.
    new Date(0).toISOString();
  const timed = <T extends object>(items: T[], at: (item: T) => Date): Array<T & { iso: string }> =>
    items.flatMap((item) => {
      const iso = isoOrNull(at(item));
      return iso ? [{ ...item, iso }] : [];
    });
  return {
    id: alarm._id,
    deviceId: alarm.deviceId,
    deviceType: alarm.deviceType,
    type: alarm.type,
    status: alarm.status,
    severity: alarm.severity,
    count: alarm.count,
    ...(alarm.ticketId ? { ticketId: alarm.ticketId } : {}),
    streetId: alarm.streetId,
    streetName: findStreet(district, alarm.streetId)?.properties.name ?? null,
    site: alarm.site,
    householdId: alarm.householdId,
    location: alarm.location,
    openedAt,
    lastDetectedAt: isoOrNull(alarm.lastDetectedAt) ?? openedAt,
    acknowledgedAt: isoOrNull(alarm.acknowledgedAt),
    clearedAt: isoOrNull(alarm.clearedAt),
    noise: alarm.noise
      ? {
          ...alarm.noise,
          trace: timed(alarm.noise.trace, (sample) => sample.at).map((sample) => ({
            at: sample.iso,
            levelDb: sample.levelDb,
          })),
        }
      : null,
    confidence: alarm.confidence,
    warnings: timed(alarm.warnings, (warning) => warning.sentAt).map((warning) => ({
      messageId: warning.messageId,
      sentAt: warning.iso,
      automatic: warning.automatic,
      text: warning.text,
      ackAt: isoOrNull(warning.ackAt),
      ok: warning.ok,
    })),
    timeline: timed(alarm.timeline, (item) => item.at).map((item) => ({
      at: item.iso,
      action: item.action,
      actor: item.actorId ? { id: item.actorId, name: item.actorName ?? '' } : null,
      note: item.note,
    })),
  };
}
