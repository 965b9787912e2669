import { z } from 'zod';
import type { AlarmType } from './alarms';
import { staffRoles, type Role } from './roles';

/**
 * Every notification the system sends, as data: who it is for (residents and other members of the
 * public over WeChat subscribe messages; staff over WeCom), whether it must not be missed (then SMS too),
 * what it is about (the page it opens) and its words. The BFF's channels, the admin panel and the
 * mini-program's 消息 page all read this one table.
 */
export type NotificationAudience = 'public' | 'staff';
export type NotificationSubject = 'ticket' | 'alarm' | 'escort' | 'roster';

export interface NotificationTemplateSpec {
  audience: NotificationAudience;
  /** Sent by SMS as well, where the recipient has a phone: a fire, an owner who did not answer, a breach. */
  mustNotMiss: boolean;
  /** What it is about; its id is `data.ticketId`, `data.alarmId`, `data.escortId` or `data.rosterId`. */
  subject: NotificationSubject;
  /** Short title (WeChat and WeCom cut long ones). */
  title: string;
  /** One sentence from the notification's data. */
  body: (data: NotificationData) => string;
}

export type NotificationData = Record<string, string | number | boolean | null>;

const text = (value: NotificationData[string] | undefined, fallback = ''): string =>
  value === null || value === undefined || value === '' ? fallback : String(value);

const alarmTypeNames: Record<AlarmType, string> = {
  indoor_charging: '室内电动车充电',
  smoke: '烟雾',
  noise_exceeded: '噪音超标',
  offline: '设备离线',
};
const alarmName = (data: NotificationData) => alarmTypeNames[text(data.type) as AlarmType] ?? '设备告警';

export const notificationTemplates = {
  // Residents who reported (and joined) a ticket.
  ticket_assigned: {
    audience: 'public',
    mustNotMiss: false,
    subject: 'ticket',
    title: '已派单',
    body: (data) => `您反映的“${text(data.category, '问题')}”已派给执法队员处理。`,
  },
  officer_on_site: {
    audience: 'public',
    mustNotMiss: false,
    subject: 'ticket',
    title: '执法队员已到场',
    body: (data) => `您反映的“${text(data.category, '问题')}”，执法队员已到达现场。`,
  },
  ticket_resolved: {
    audience: 'public',
    mustNotMiss: false,
    subject: 'ticket',
    title: '问题已办结',
    body: (data) => `您反映的“${text(data.category, '问题')}”已办结，请确认并评价。`,
  },
  // Every reporter of a ticket closed without being fixed, with why in plain words.
  ticket_closed: {
    audience: 'public',
    mustNotMiss: false,
    subject: 'ticket',
    title: '工单已关闭',
    body: (data) => {
      const what = `您反映的“${text(data.category, '问题')}”`;
      const reason = text(data.reason, '未说明');
      if (data.kind === 'duplicate')
        return `${what}与已受理的另一工单重复，将在该工单中一并处理。说明：${reason}`;
      if (data.kind === 'not_ours')
        return `${what}不属于城管职责，已转交${text(data.passedTo, '相关单位')}处理。说明：${reason}`;
      return `${what}经核实无需处理，工单已关闭。原因：${reason}`;
    },
  },
  // Enforcement staff.
  new_assignment: {
    audience: 'staff',
    mustNotMiss: false,
    subject: 'ticket',
    title: '新工单，请尽快接单',
    body: (data) => `${text(data.category, '工单')}：${text(data.address, '见工单详情')}`,
  },
  report_joined: {
    audience: 'staff',
    mustNotMiss: false,
    subject: 'ticket',
    title: '又有居民反映同一问题',
    body: (data) => `已有 ${text(data.reporterCount, '多')} 位居民反映此问题。`,
  },
  dispatch_queue_alarm: {
    audience: 'staff',
    mustNotMiss: false,
    subject: 'ticket',
    title: '工单待人工派单',
    body: (data) => `${text(data.category, '工单')}暂无可派队员，请人工派单。`,
  },
  escalation_reassigned: {
    audience: 'staff',
    mustNotMiss: false,
    subject: 'ticket',
    title: '工单被拒，已改派',
    body: (data) => `${text(data.category, '工单')}被拒：${text(data.reason, '未说明原因')}`,
  },
  assignment_unread: {
    audience: 'staff',
    mustNotMiss: false,
    subject: 'ticket',
    title: '新工单无人查看',
    body: (data) =>
      `${text(data.category, '工单')}（${text(data.address, '见详情')}）已派给${text(data.officerName, '队员')}，尚未查看，请电话联系。`,
  },
  ticket_transferred: {
    audience: 'staff',
    mustNotMiss: false,
    subject: 'ticket',
    title: '工单已转办',
    body: (data) => `工单已转至${text(data.department, '其他部门')}。`,
  },
  ticket_reopened: {
    audience: 'staff',
    mustNotMiss: false,
    subject: 'ticket',
    title: '居民不满意，工单重办',
    body: (data) => `重办原因：${text(data.reason, '未说明')}`,
  },
  sla_warning: {
    audience: 'staff',
    mustNotMiss: false,
    subject: 'ticket',
    title: '工单即将超时',
    body: (data) => `${text(data.category, '工单')}（${text(data.address, '见详情')}）尚无队员到场。`,
  },
  sla_breached: {
    audience: 'staff',
    mustNotMiss: true,
    subject: 'ticket',
    title: '工单已超时',
    body: (data) => `${text(data.category, '工单')}（${text(data.address, '见详情')}）超时未到场。`,
  },
  shift_reminder: {
    audience: 'staff',
    mustNotMiss: false,
    subject: 'roster',
    title: '值班提醒',
    body: (data) =>
      `您的${text(data.shiftName, '班次')}将于 ${text(data.startsAt, '稍后')} 开始，请按时上岗。`,
  },
  // Device alarms: owners first, staff when they do not answer.
  charging_alarm: {
    audience: 'public',
    mustNotMiss: false,
    subject: 'alarm',
    title: '室内充电告警',
    body: () => '检测到室内电动车充电，请立即停止并移至集中充电点，10 分钟内未确认将通知社区。',
  },
  smoke_alarm: {
    audience: 'public',
    mustNotMiss: true,
    subject: 'alarm',
    title: '烟雾告警',
    body: () => '您家中的烟感探测到烟雾，请立即查看；如有火情请拨打 119。',
  },
  charging_unacknowledged: {
    audience: 'staff',
    mustNotMiss: true,
    subject: 'alarm',
    title: '充电告警无人确认',
    body: () => '室内充电告警 10 分钟无人确认，请上门处置。',
  },
  device_offline: {
    audience: 'staff',
    mustNotMiss: false,
    subject: 'alarm',
    title: '设备离线',
    body: (data) => `${alarmName(data)}：设备 ${text(data.deviceId)} 已离线。`,
  },
  // 陪依(医)计划: families, volunteers and community workers.
  escort_accepted: {
    audience: 'public',
    mustNotMiss: false,
    subject: 'escort',
    title: '陪护已有人接单',
    body: (data) => `${text(data.elderName, '老人')}的陪护已有志愿者接单。`,
  },
  escort_reminder: {
    audience: 'public',
    mustNotMiss: false,
    subject: 'escort',
    title: '陪护出发提醒',
    body: (data) => `${text(data.elderName, '老人')}的陪护即将开始，请做好准备。`,
  },
  escort_completed: {
    audience: 'public',
    mustNotMiss: false,
    subject: 'escort',
    title: '陪护已完成',
    body: (data) => `${text(data.elderName, '老人')}的陪护已完成，欢迎评价。`,
  },
  escort_cancelled: {
    audience: 'public',
    mustNotMiss: false,
    subject: 'escort',
    title: '陪护已取消',
    body: (data) => `${text(data.elderName, '老人')}的陪护已取消。`,
  },
  escort_reassigned: {
    audience: 'public',
    mustNotMiss: false,
    subject: 'escort',
    title: '陪护已改派',
    body: (data) => `${text(data.elderName, '老人')}的陪护已改派。`,
  },
  escort_urgent_offer: {
    audience: 'public',
    mustNotMiss: false,
    subject: 'escort',
    title: '紧急陪护待接单',
    body: (data) => `${text(data.elderName, '老人')}的陪护急需志愿者。`,
  },
  escort_late_withdrawal: {
    audience: 'staff',
    mustNotMiss: false,
    subject: 'escort',
    title: '志愿者临时退出',
    body: (data) => `${text(data.elderName, '老人')}的陪护志愿者临时退出，请安排。`,
  },
  escort_unaccepted: {
    audience: 'staff',
    mustNotMiss: false,
    subject: 'escort',
    title: '陪护无人接单',
    body: (data) => `${text(data.elderName, '老人')}的陪护尚无人接单，请电话联系志愿者。`,
  },
  escort_sos: {
    audience: 'staff',
    mustNotMiss: true,
    subject: 'escort',
    title: '陪护紧急求助',
    body: (data) => `${text(data.elderName, '老人')}的陪护发出紧急求助，请立即联系。`,
  },
} satisfies Record<string, NotificationTemplateSpec>;

export type NotificationTemplate = keyof typeof notificationTemplates;
export const notificationTemplateNames = Object.keys(notificationTemplates) as NotificationTemplate[];
export const notificationTemplateSchema = z.enum(
  notificationTemplateNames as [NotificationTemplate, ...NotificationTemplate[]],
);

export function isNotificationTemplate(name: string): name is NotificationTemplate {
  return Object.hasOwn(notificationTemplates, name);
}

/** The spec of a template, or null for a name this build does not know (an older or newer instance's). */
export function notificationTemplateSpec(name: string): NotificationTemplateSpec | null {
  return isNotificationTemplate(name) ? notificationTemplates[name] : null;
}

/** The id of what a notification is about, from its data. */
export function notificationSubjectId(spec: NotificationTemplateSpec, data: NotificationData): string | null {
  const key = ({ ticket: 'ticketId', alarm: 'alarmId', escort: 'escortId', roster: 'rosterId' } as const)[
    spec.subject
  ];
  const value = data[key];
  return typeof value === 'string' ? value : null;
}

/** A generic title for a template this build does not know (an older or newer instance's). */
export const unknownNotificationTitle = '新消息';

/** What an inbox entry is about: the page it opens (the id is null when its data does not carry one). */
export const notificationSubjectSchema = z.object({
  kind: z.enum(['ticket', 'alarm', 'escort', 'roster']).nullable(),
  id: z.string().nullable(),
});

export const notificationSchema = z.object({
  id: z.string(),
  template: z.string(),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  /** Whether it reached the recipient outside the app yet: 'pending', 'sent' or 'refused'. */
  status: z.string(),
  createdAt: z.string(),
  /** From the catalogue; a generic title and an empty body for a template this build does not know. */
  title: z.string(),
  body: z.string(),
  subject: notificationSubjectSchema,
  /** When the recipient read it in the app (opened it, or 全部已读), else null. */
  readAt: z.string().nullable(),
});
export type NotificationItem = z.infer<typeof notificationSchema>;

/** One page of the inbox, newest first; `nextBefore` asks for the page after it (null at the end). */
export const notificationListSchema = z.object({
  items: z.array(notificationSchema),
  nextBefore: z.string().nullable(),
});
export type NotificationList = z.infer<typeof notificationListSchema>;

export const notificationPageLimit = { default: 20, max: 50 } as const;

export const notificationListQuerySchema = z.object({
  /** The cursor a previous page answered as `nextBefore`. */
  before: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(notificationPageLimit.max).optional(),
});
export type NotificationListQuery = z.infer<typeof notificationListQuerySchema>;

/** The caller's own ids, or everything they have (全部已读); ids of others are ignored. */
export const markNotificationsReadRequestSchema = z.union([
  z.strictObject({ ids: z.array(z.string().min(1).max(200)).min(1).max(100) }),
  z.strictObject({ all: z.literal(true) }),
]);
export type MarkNotificationsReadRequest = z.infer<typeof markNotificationsReadRequestSchema>;

/** Counts stop at this many: a badge shows 99+ beyond it, and counting further costs a scan. */
export const unreadCountCap = 100;

export const unreadCountSchema = z.object({
  /** Unread notifications, at most `unreadCountCap`. */
  unread: z.number().int().min(0),
});
export type UnreadCount = z.infer<typeof unreadCountSchema>;

export const markNotificationsReadResponseSchema = unreadCountSchema.extend({
  /** How many of the caller's notifications this call marked (read ones and others' ids do not count). */
  marked: z.number().int().min(0),
});
export type MarkNotificationsReadResponse = z.infer<typeof markNotificationsReadResponseSchema>;

/**
 * What a user answered to WeChat's requestSubscribeMessage for one template, as WeChat says it:
 * 'accept' (one message may be sent), 'reject', 'ban' (the template is banned in the user's settings)
 * or 'filter' (WeChat's background filtered the template out).
 */
export const subscriptionAnswers = ['accept', 'reject', 'ban', 'filter'] as const;
export const subscriptionAnswerSchema = z.enum(subscriptionAnswers);
export type SubscriptionAnswer = z.infer<typeof subscriptionAnswerSchema>;

/** The templates a holder of these roles may subscribe to: public ones for everyone, staff ones for staff. */
export function subscribableTemplates(roles: readonly Role[]): NotificationTemplate[] {
  const staff = roles.some((role) => staffRoles.includes(role));
  return notificationTemplateNames.filter(
    (name) => notificationTemplates[name].audience === 'public' || staff,
  );
}

export const notificationSubscriptionSchema = z.object({
  template: notificationTemplateSchema,
  title: z.string(),
  /** The WeChat template id to ask for, or null when this deployment has none for the template. */
  wechatTemplateId: z.string().nullable(),
  /** The caller's last answer, or null when never asked. */
  answer: subscriptionAnswerSchema.nullable(),
  /** Messages that may still be sent over WeChat: one per acceptance, less those sent. */
  credits: z.number().int().min(0),
  answeredAt: z.string().nullable(),
});
export type NotificationSubscription = z.infer<typeof notificationSubscriptionSchema>;

export const notificationSubscriptionsSchema = z.object({
  items: z.array(notificationSubscriptionSchema),
});
export type NotificationSubscriptions = z.infer<typeof notificationSubscriptionsSchema>;

export const maxSubscriptionAnswers = 20;

/**
 * The answers of one requestSubscribeMessage call, by our template names. `batchId` is the client's,
 * one per call: the same batch sent again (a retry) changes nothing and adds no credit.
 */
export const recordSubscriptionsRequestSchema = z.strictObject({
  batchId: z
    .string()
    .min(8)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
  answers: z
    .array(z.strictObject({ template: notificationTemplateSchema, answer: subscriptionAnswerSchema }))
    .min(1)
    .max(maxSubscriptionAnswers),
});
export type RecordSubscriptionsRequest = z.infer<typeof recordSubscriptionsRequestSchema>;

/** Where a notification went: the in-app inbox always, and the push channels that accepted it. */
export const notificationChannelNames = ['wechat', 'wecom', 'sms', 'inbox'] as const;
export type NotificationChannelName = (typeof notificationChannelNames)[number];

/**
 * A notification record as admins and dispatchers see it: pending (not yet delivered, maybe retrying
 * after an error), sent (at least the inbox; `channels` lists the pushes that accepted it) or failed
 * (every push channel refused it for good).
 */
export const notificationRecordStatuses = ['pending', 'sent', 'failed'] as const;
export type NotificationRecordStatus = (typeof notificationRecordStatuses)[number];

export const notificationRecordQuerySchema = z.object({
  status: z.enum(notificationRecordStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type NotificationRecordQuery = z.infer<typeof notificationRecordQuerySchema>;

export const notificationRecordSchema = z.object({
  id: z.string(),
  template: z.string(),
  /** The template's Chinese title, or null for a template this build does not know. */
  title: z.string().nullable(),
  recipientId: z.string(),
  recipientName: z.string().nullable(),
  status: z.enum(notificationRecordStatuses),
  /** The push channels that accepted it (e.g. ['wecom', 'sms']), or ['inbox'] when none applied. */
  channels: z.array(z.string()),
  attempts: z.number().int(),
  /** Each channel's last error, e.g. "sms: LimitExceeded.PhoneNumberDailyLimit". */
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
});
export type NotificationRecord = z.infer<typeof notificationRecordSchema>;
export const notificationRecordListSchema = z.object({
  items: z.array(notificationRecordSchema),
  total: z.number().int(),
});
export type NotificationRecordList = z.infer<typeof notificationRecordListSchema>;
