import type { ElderNeed, Escort, EscortServiceType, EscortStatus, VolunteerSkill } from '@jiefang/contracts';
import { t, type PlainMessageKey } from '../../i18n';

const serviceKeys = {
  hospital_escort: 'escort.service.hospital_escort',
  medicine_pickup: 'escort.service.medicine_pickup',
  companion_call: 'escort.service.companion_call',
  home_visit: 'escort.service.home_visit',
} as const satisfies Record<EscortServiceType, PlainMessageKey>;

const serviceDescKeys = {
  hospital_escort: 'escort.service.hospital_escort.desc',
  medicine_pickup: 'escort.service.medicine_pickup.desc',
  companion_call: 'escort.service.companion_call.desc',
  home_visit: 'escort.service.home_visit.desc',
} as const satisfies Record<EscortServiceType, PlainMessageKey>;

const serviceIcons: Record<EscortServiceType, string> = {
  hospital_escort: '🏥',
  medicine_pickup: '💊',
  companion_call: '📞',
  home_visit: '🏠',
};

/** 陪诊 / 代取药 / 电话陪聊 / 上门探访 (the BFF's own name, when it sends one, wins on screen). */
export function serviceLabel(type: EscortServiceType): string {
  return t(serviceKeys[type]);
}

export function serviceDescription(type: EscortServiceType): string {
  return t(serviceDescKeys[type]);
}

export function serviceIcon(type: EscortServiceType): string {
  return serviceIcons[type];
}

/** `🏥 陪诊`, from the escort's own service name. */
export function serviceTitle(escort: Pick<Escort, 'serviceType' | 'serviceName'>): string {
  return `${serviceIcon(escort.serviceType)} ${escort.serviceName || serviceLabel(escort.serviceType)}`;
}

const statusKeys = {
  open: 'escort.status.open',
  accepted: 'escort.status.accepted',
  in_progress: 'escort.status.in_progress',
  completed: 'escort.status.completed',
  cancelled: 'escort.status.cancelled',
} as const satisfies Record<EscortStatus, PlainMessageKey>;

const statusHintKeys = {
  open: 'escort.statusHint.open',
  accepted: 'escort.statusHint.accepted',
  in_progress: 'escort.statusHint.in_progress',
  completed: 'escort.statusHint.completed',
  cancelled: 'escort.statusHint.cancelled',
} as const satisfies Record<EscortStatus, PlainMessageKey>;

/** 等待接单 / 已有志愿者接单 / 服务中 / 已完成 / 已取消. */
export function escortStatusLabel(status: EscortStatus): string {
  return t(statusKeys[status]);
}

/** One plain sentence under the status for the family: what happens next. */
export function escortStatusHint(status: EscortStatus): string {
  return t(statusHintKeys[status]);
}

export type EscortTone = 'waiting' | 'working' | 'done' | 'cancelled';

export function escortStatusTone(status: EscortStatus): EscortTone {
  switch (status) {
    case 'open':
      return 'waiting';
    case 'accepted':
    case 'in_progress':
      return 'working';
    case 'completed':
      return 'done';
    case 'cancelled':
      return 'cancelled';
  }
}

const needKeys = {
  wheelchair: 'escort.need.wheelchair',
  hearing_impaired: 'escort.need.hearing_impaired',
  visually_impaired: 'escort.need.visually_impaired',
  cantonese_only: 'escort.need.cantonese_only',
  memory_loss: 'escort.need.memory_loss',
} as const satisfies Record<ElderNeed, PlainMessageKey>;

export function needLabel(need: ElderNeed): string {
  return t(needKeys[need]);
}

const skillKeys = {
  wheelchair: 'escort.skill.wheelchair',
  cantonese: 'escort.skill.cantonese',
  first_aid: 'escort.skill.first_aid',
  sign_language: 'escort.skill.sign_language',
  driving: 'escort.skill.driving',
} as const satisfies Record<VolunteerSkill, PlainMessageKey>;

/** 轮椅协助 / 粤语 / 急救 / 手语 / 驾车. */
export function skillLabel(skill: VolunteerSkill): string {
  return t(skillKeys[skill]);
}

/** The BFF's timeline actions (and a few older spellings of the same steps). */
const actionKeys: Record<string, PlainMessageKey> = {
  booked: 'escort.action.create',
  create: 'escort.action.create',
  accepted: 'escort.action.accept',
  accept: 'escort.action.accept',
  withdrawn: 'escort.action.withdraw',
  withdrawn_late: 'escort.action.withdraw',
  withdraw: 'escort.action.withdraw',
  checked_in: 'escort.action.check_in',
  check_in: 'escort.action.check_in',
  completed: 'escort.action.complete',
  complete: 'escort.action.complete',
  cancelled: 'escort.action.cancel',
  cancel: 'escort.action.cancel',
  rated: 'escort.action.rate',
  rate: 'escort.action.rate',
  sos: 'escort.action.sos',
  reassigned: 'escort.action.reassign',
  escalated: 'escort.action.escalate',
  hours_reviewed: 'escort.action.hoursReviewed',
};

/** A timeline action in words; one this build does not know reads 进度更新 rather than a code. */
export function escortActionLabel(action: string): string {
  const key = Object.prototype.hasOwnProperty.call(actionKeys, action) ? actionKeys[action] : undefined;
  return key ? t(key) : t('escort.action.unknown');
}

/** Newest first, as a family reads progress. */
export function timelineNewestFirst<T extends { at: string }>(timeline: readonly T[]): T[] {
  return [...timeline].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

const maskedPattern = /[*＊•]/;

/** Whether a phone number arrives masked (138****1234), i.e. cannot be dialled. */
export function isMaskedPhone(phone: string): boolean {
  return maskedPattern.test(phone);
}

/**
 * A phone number as shown in lists: mobiles as 138****1234, landlines as 020-****5678; one the BFF already
 * masked is shown as it is.
 */
export function maskPhone(phone: string): string {
  const value = phone.trim();
  if (value === '' || isMaskedPhone(value)) return value;
  const digits = value.replace(/[\s-]/g, '');
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  const landline = /^(0\d{2,3})-?(\d{7,8})$/.exec(value.replace(/\s/g, ''));
  if (landline) return `${landline[1]}-****${landline[2]!.slice(-4)}`;
  if (digits.length > 4) return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
  return value;
}

/** The number to dial, or undefined when it is masked (only the accepted volunteer and family see it). */
export function dialablePhone(phone: string | null | undefined): string | undefined {
  if (!phone || isMaskedPhone(phone)) return undefined;
  const digits = phone.replace(/[\s-]/g, '');
  return /^\d{5,15}$/.test(digits) ? digits : undefined;
}

/** `约 800 米` / `约 2.4 公里` from the pickup. */
export function formatDistance(metres: number | null | undefined): string | undefined {
  if (metres === null || metres === undefined || !Number.isFinite(metres) || metres < 0) return undefined;
  if (metres < 1000) return t('escort.distance.m', { m: Math.max(10, Math.round(metres / 10) * 10) });
  return t('escort.distance.km', { km: Math.round(metres / 100) / 10 });
}

/**
 * How far an escort is: the BFF's coarse band (`约 1–2 公里`) before acceptance, the exact distance
 * once the volunteer may see the address.
 */
export function escortDistance(escort: Pick<Escort, 'distanceM' | 'distanceBand'>): string | undefined {
  return escort.distanceBand?.label ?? formatDistance(escort.distanceM);
}

/** Service time: `45 分钟`, `2 小时`, `12 小时 30 分`. */
export function formatMinutes(minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return t('escort.hours.minutes', { m: rest });
  if (rest === 0) return t('escort.hours.hours', { h: hours });
  return t('escort.hours.hoursMinutes', { h: hours, m: rest });
}

/** Hours with one decimal, for the big total: 12.5. */
export function hoursDecimal(minutes: number): string {
  const hours = Math.round((Math.max(0, minutes) / 60) * 10) / 10;
  return Number.isInteger(hours) ? String(hours) : hours.toFixed(1);
}
