import {
  beijingClock,
  beijingDate,
  beijingDayNumber,
  timelineActions,
  type CategoryCode,
  type Ticket,
  type TicketClosure,
  type TicketStatus,
  type TimelineAction,
  type TimelineEntry,
} from '@jiefang/contracts';
import { t } from '../../i18n';

/** Status names residents see. */
export function statusLabel(status: TicketStatus): string {
  return t(`report.status.${status}`);
}

export type StatusTone = 'waiting' | 'working' | 'done' | 'attention';

/** The badge colour family of a status. */
export function statusTone(status: TicketStatus): StatusTone {
  switch (status) {
    case 'dispatch_queue':
    case 'assigned':
      return 'waiting';
    case 'accepted':
    case 'on_site':
      return 'working';
    case 'resolved':
    case 'reopened':
      return 'attention';
    case 'confirmed':
    case 'closed':
      return 'done';
  }
}

export { timelineActions, type TimelineAction };

function isKnownAction(action: string): action is TimelineAction {
  return (timelineActions as readonly string[]).includes(action);
}

/** A timeline action in words; one this build does not know yet reads 进度更新 rather than a code. */
export function actionLabel(action: string): string {
  return isKnownAction(action) ? t(`report.action.${action}`) : t('report.action.unknown');
}

/** The extra line under a timeline entry (a reason, a score), if it says something to a resident. */
export function actionDetail(
  entry: Pick<TimelineEntry, 'action' | 'reason' | 'details'>,
): string | undefined {
  if (entry.action === 'rate') {
    const score = Number(entry.details?.score);
    return Number.isInteger(score) && score >= 1 && score <= 5
      ? t('report.rate.stars', { n: score })
      : undefined;
  }
  if (entry.action === 'report_joined') {
    const count = Number(entry.details?.reporterCount);
    return Number.isInteger(count) && count > 1 ? t('report.joinedCount', { n: count }) : undefined;
  }
  // Reasons the system writes for staff (自动派单…) are left out; a reopening's and a closing's are shown.
  if (entry.reason && ['reopen', 'close'].includes(entry.action)) return entry.reason;
  return undefined;
}

/**
 * The milestones a resident follows: 上报, 已派单, 已接单, 已到场, 已办结, 已确认, 已关闭 and 重新处理. The BFF
 * sends only these; an older server's internal steps (改派, 转办, 超时…) are dropped here too.
 */
const residentMilestones: ReadonlySet<string> = new Set([
  'report',
  'report_joined',
  'assign',
  'accept',
  'check_in',
  'resolve',
  'confirm',
  'close',
  'reopen',
]);

export function milestonesOnly(timeline: readonly TimelineEntry[]): TimelineEntry[] {
  return timeline.filter((entry) => residentMilestones.has(entry.action));
}

/** Why a ticket was closed, in plain words. */
export function closureSentence(closure: TicketClosure): string {
  if (closure.kind === 'not_ours')
    return t('report.closure.not_ours', { body: closure.passedTo ?? t('report.closure.not_oursUnknown') });
  return t(`report.closure.${closure.kind}`);
}

/** Newest first, as a resident reads progress. */
export function timelineNewestFirst(timeline: readonly TimelineEntry[]): TimelineEntry[] {
  return [...timeline].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

export const reopenWindowMs = 7 * 24 * 3600_000;

/** When the ticket was resolved last: the resolution's time, else the last `resolve` entry. */
export function resolvedAt(ticket: Pick<Ticket, 'resolution' | 'timeline'>): number | undefined {
  if (ticket.resolution) return Date.parse(ticket.resolution.at);
  const last = [...ticket.timeline].reverse().find((entry) => entry.action === 'resolve');
  return last ? Date.parse(last.at) : undefined;
}

export type ReopenOption = { kind: 'allowed'; until: number } | { kind: 'expired' } | { kind: 'none' };

export interface TicketAffordances {
  confirm: boolean;
  reopen: ReopenOption;
  rate: boolean;
}

/** Which of 确认解决 / 重新打开 / 评价 a reporter may use now (the BFF enforces the same rules). */
export function ticketAffordances(
  ticket: Pick<Ticket, 'status' | 'resolution' | 'timeline' | 'rating'>,
  now: number = Date.now(),
): TicketAffordances {
  const closed = ticket.status === 'resolved' || ticket.status === 'confirmed';
  let reopen: ReopenOption = { kind: 'none' };
  if (closed) {
    const at = resolvedAt(ticket);
    reopen =
      at !== undefined && now - at <= reopenWindowMs
        ? { kind: 'allowed', until: at + reopenWindowMs }
        : { kind: 'expired' };
  }
  return { confirm: ticket.status === 'resolved', reopen, rate: closed && ticket.rating === null };
}

const categoryIcons: Record<CategoryCode, string> = {
  street_vending: '🛒',
  illegal_parking: '🚗',
  garbage: '🗑️',
  noise: '🔊',
  oil_fume: '💨',
  road_damage: '🚧',
  fallen_tree: '🌳',
  manhole_cover: '🕳️',
  ebike_indoor_charging: '🔌',
  fire_hazard: '🧯',
  other: '📝',
};

export function categoryIcon(code: CategoryCode): string {
  return categoryIcons[code];
}

/** `今天 15:08`, `昨天 09:30`, `3月5日 15:08`, or with the year when it is not this year (Beijing time). */
export function formatTime(iso: string, now: number = Date.now()): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return '';
  const days = beijingDayNumber(now) - beijingDayNumber(ms);
  const time = beijingClock(ms);
  if (days === 0) return t('time.today', { time });
  if (days === 1) return t('time.yesterday', { time });
  const [year, month, day] = beijingDate(ms).split('-').map(Number) as [number, number, number];
  if (beijingDate(now).startsWith(`${year}-`)) return t('time.monthDay', { month, day, time });
  return t('time.full', { year, month, day, time });
}

/**
 * Where a submission is: photos go one per request (byte progress of the one being sent), then the report
 * itself as a short JSON request.
 */
export type UploadProgress =
  | { stage: 'preparing' }
  /** Photo `photo` (1-based) of `photos`, `sent` of `total` bytes (total 0 while unknown). */
  | { stage: 'uploading'; photo: number; photos: number; sent: number; total: number }
  | { stage: 'submitting' }
  | { stage: 'waiting' }
  | { stage: 'done' };

export type UploadStage = UploadProgress['stage'];

/** The share (0–1) of all the draft's photos uploaded, counting the one in flight by its bytes. */
function uploadedShare(progress: Extract<UploadProgress, { stage: 'uploading' }>): number {
  const current = progress.total > 0 ? Math.min(1, progress.sent / progress.total) : 0;
  return progress.photos > 0 ? Math.min(1, (progress.photo - 1 + current) / progress.photos) : 0;
}

/** The bar's fill (0–100) and words: uploading fills 2–90 % across all photos, submitting 95 %. */
export function progressView(progress: UploadProgress): { percent: number; label: string } {
  switch (progress.stage) {
    case 'preparing':
      return { percent: 2, label: t('report.progress.preparing') };
    case 'uploading': {
      const share = uploadedShare(progress);
      const label = t('report.progress.uploading', {
        n: progress.photo,
        total: progress.photos,
        percent: Math.round(share * 100),
      });
      return { percent: Math.round(2 + 88 * share), label };
    }
    case 'submitting':
      return { percent: 95, label: t('report.progress.submitting') };
    case 'waiting':
      return { percent: 95, label: t('report.progress.waiting') };
    case 'done':
      return { percent: 100, label: t('report.progress.done') };
  }
}
