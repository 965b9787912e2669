import type { NotificationTemplate } from '@jiefang/contracts';
import { createHash, randomUUID } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import type { Model } from 'mongoose';
import {
  deviceTopics,
  playWarningAction,
  type CategoryCode,
  type DeviceCommand,
  type DeviceEvidence,
  type Priority,
} from '@jiefang/contracts';
import { alarmTransitions } from '../../domain/alarmTransitions';
import { deviceAlarmPolicy } from '../../domain/deviceAlarmRules';
import { allows } from '../../domain/statusTransitions';
import type { Clock } from '../../infra/clock';
import type { DelayedJobs } from '../../infra/delayedJobs';
import type { Logger } from '../../infra/logger';
import { findStreet, type District } from '../district/district';
import type { StaffDirectory } from '../dispatch/staffDirectory';
import type { HouseholdDocument } from '../households/householdModel';
import type { ReportIntake } from '../reports/reportIntake';
import { alarmView, type AlarmActor, type AlarmBook } from './alarmBook';
import type { AlarmDocument } from './alarmModel';

export interface AlarmTimerJob {
  alarmId: string;
  kind: 'charging_unacknowledged';
}

const zoneLabel = { day: '昼间', night: '夜间' } as const;

/**
 * What alarms make happen: a remote warning to a noisy site, property owners told at once of
 * indoor charging, enforcement tickets when warnings do not help or nobody responds, and smoke
 * alarms to everyone at once. Every step is idempotent, so replaying an alarm repeats nothing.
 */
export function alarmReactions(deps: {
  book: AlarmBook;
  households: Model<HouseholdDocument>;
  staff: StaffDirectory;
  intake: ReportIntake;
  mqtt: MqttClient;
  timers: DelayedJobs<AlarmTimerJob>;
  district: District;
  clock: Clock;
  timeScale: number;
  logger: Logger;
}) {
  const { book } = deps;

  /** The notifications ride in the alarm, with the timeline note, in one change. */
  const notify = async (
    alarm: AlarmDocument,
    recipients: string[],
    template: NotificationTemplate,
    timelineAction: string,
  ) => {
    const unique = [...new Set(recipients)];
    if (!unique.length) return;
    await book.notify(
      alarm._id,
      unique.map((recipientId) => ({
        id: `alarm:${alarm._id}:${template}:${recipientId}`,
        recipientId,
        template,
        data: {
          alarmId: alarm._id,
          deviceId: alarm.deviceId,
          type: alarm.type,
          householdId: alarm.householdId,
          site: alarm.site,
          at: deps.clock.now().toISOString(),
        },
      })),
      timelineAction,
      `${unique.length} 人`,
    );
  };

  const squadOf = (streetId: string) => findStreet(deps.district, streetId)?.properties.squadId ?? null;

  // Through the alarm's view, so a time no Date can show is left out here too.
  const evidenceOf = (alarm: AlarmDocument): DeviceEvidence => {
    const view = alarmView(alarm, deps.district);
    return {
      alarmId: view.id,
      deviceId: view.deviceId,
      alarmType: view.type,
      site: view.site,
      openedAt: view.openedAt,
      confidence: view.confidence,
      noise: view.noise
        ? {
            limitDb: view.noise.limitDb,
            period: view.noise.period,
            peakDb: view.noise.peakDb,
            trace: view.noise.trace,
          }
        : null,
      warnings: view.warnings.map(({ messageId, sentAt, ackAt, ok }) => ({ messageId, sentAt, ackAt, ok })),
    };
  };

  const addressOf = async (alarm: AlarmDocument) => {
    const household = alarm.householdId ? await deps.households.findById(alarm.householdId).lean() : null;
    const street = findStreet(deps.district, alarm.streetId)?.properties.name ?? '';
    return household?.address ?? [street, alarm.site].filter(Boolean).join(' ');
  };

  const describe = (alarm: AlarmDocument): string => {
    if (alarm.type === 'noise_exceeded' && alarm.noise) {
      const warned = alarm.warnings.length ? `，已远程喊话 ${alarm.warnings.length} 次仍未改善` : '';
      return (
        `噪声监测点「${alarm.site ?? alarm.deviceId}」1 分钟等效声级 ${alarm.noise.levelDb} dB(A)，` +
        `超过${zoneLabel[alarm.noise.period]}限值 ${alarm.noise.limitDb} dB(A)${warned}。`
      );
    }
    if (alarm.type === 'indoor_charging')
      return `住户 ${alarm.householdId ?? ''} 室内电动车充电告警 10 分钟无人确认，请上门处置。`;
    if (alarm.type === 'smoke') return `烟感探测器 ${alarm.deviceId} 报警，请立即核查火情。`;
    return `设备 ${alarm.deviceId} 告警。`;
  };

  const openTicket = async (alarm: AlarmDocument, category: CategoryCode, priority?: Priority) => {
    if (alarm.ticketId) return;
    const ticket = await deps.intake.openForDevice({
      category,
      ...(priority ? { priority } : {}),
      location: alarm.location,
      address: await addressOf(alarm),
      description: describe(alarm),
      evidence: evidenceOf(await book.get(alarm._id)),
    });
    await book.attachTicket(alarm._id, ticket._id);
  };

  const sendWarning = async (
    alarm: AlarmDocument,
    options: { automatic: boolean; text?: string; actor: AlarmActor },
  ) => {
    const messageId = options.automatic
      ? `w-${createHash('sha1').update(alarm._id).digest('hex').slice(0, 20)}-auto`
      : `w-${randomUUID()}`;
    const now = deps.clock.now();
    await book.recordWarning(
      alarm._id,
      {
        messageId,
        sentAt: now,
        automatic: options.automatic,
        text: options.text ?? null,
        ackAt: null,
        ok: null,
      },
      options.actor,
    );
    const command: DeviceCommand = {
      ts: now.getTime(),
      messageId,
      action: playWarningAction,
      ...(options.text ? { params: { text: options.text } } : {}),
    };
    await deps.mqtt.publishAsync(deviceTopics.command(alarm.deviceId), JSON.stringify(command), { qos: 1 });
  };

  return {
    sendWarning,

    /** Reactions to a newly opened alarm. */
    async opened(alarm: AlarmDocument): Promise<void> {
      switch (alarm.type) {
        case 'noise_exceeded':
          if (!alarm.warnings.some((warning) => warning.automatic)) {
            await sendWarning(alarm, { automatic: true, actor: null });
          }
          return;
        case 'indoor_charging': {
          const household = alarm.householdId
            ? await deps.households
                .findByIdAndUpdate(
                  alarm.householdId,
                  { $addToSet: { chargingAlarmIds: alarm._id } },
                  { new: true },
                )
                .lean<HouseholdDocument>()
            : null;
          await notify(alarm, household?.ownerIds ?? [], 'charging_alarm', 'owners_notified');
          // Stored on the alarm first, so the deadline survives the timer; a replay keeps the first one.
          const due = await book.storeEscalation(
            alarm._id,
            new Date(deps.clock.now().getTime() + deviceAlarmPolicy.chargingEscalateAfterMs * deps.timeScale),
          );
          await deps.timers.schedule({ alarmId: alarm._id, kind: 'charging_unacknowledged' }, due);
          return;
        }
        case 'smoke': {
          const household = alarm.householdId
            ? await deps.households.findById(alarm.householdId).lean()
            : null;
          const recipients = [
            ...(household?.ownerIds ?? []),
            ...(await deps.staff.communityWorkers(alarm.streetId)),
            ...(await deps.staff.squadLeaders(squadOf(alarm.streetId))),
            ...(await deps.staff.dispatchers()),
          ];
          await notify(alarm, recipients, 'smoke_alarm', 'owners_notified');
          await openTicket(alarm, 'fire_hazard', 'urgent');
          return;
        }
        case 'offline':
          await notify(
            alarm,
            await deps.staff.communityWorkers(alarm.streetId),
            'device_offline',
            'owners_notified',
          );
          return;
      }
    },

    /** The warning did not help: enforcement goes on site with the same 15-minute clock. */
    async noiseStillExceeded(alarm: AlarmDocument): Promise<void> {
      if (!alarm.timeline.some((entry) => entry.action === 'escalated')) {
        await book.note(alarm._id, 'escalated', '喊话 5 分钟后仍超标，转执法工单');
      }
      await openTicket(await book.get(alarm._id), 'noise');
    },

    /** The indoor-charging alarm's 10 minutes are up. */
    async handleTimer(job: AlarmTimerJob): Promise<void> {
      const alarm = await book.get(job.alarmId).catch(() => null);
      if (!alarm || !allows(alarmTransitions, 'escalate_unacknowledged', alarm.status) || alarm.ticketId)
        return;
      const recipients = [
        ...(await deps.staff.communityWorkers(alarm.streetId)),
        ...(await deps.staff.squadLeaders(squadOf(alarm.streetId))),
      ];
      if (!alarm.timeline.some((entry) => entry.action === 'escalated')) {
        await book.note(alarm._id, 'escalated', '10 分钟无人确认，通知网格员与执法中队');
      }
      await notify(alarm, recipients, 'charging_unacknowledged', 'staff_notified');
      await openTicket(await book.get(alarm._id), 'ebike_indoor_charging');
    },
  };
}

export type AlarmReactions = ReturnType<typeof alarmReactions>;
