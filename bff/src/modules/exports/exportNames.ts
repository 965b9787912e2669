import type {
  AlarmSeverity,
  AlarmStatus,
  AlarmType,
  ClosureKind,
  Priority,
  TicketStatus,
} from '@jiefang/contracts';
import { beijingClock, beijingDate } from '@jiefang/contracts';

/** Chinese names for what exports show as codes elsewhere (a street office reads these in Excel). */
export const ticketStatusNames: Record<TicketStatus, string> = {
  dispatch_queue: '待派单',
  assigned: '已派单',
  accepted: '已接单',
  on_site: '已到场',
  resolved: '已办结',
  confirmed: '已确认',
  reopened: '重新处理',
  closed: '已关闭',
};

export const priorityNames: Record<Priority, string> = { urgent: '紧急', high: '高', normal: '一般' };

export const closureKindNames: Record<ClosureKind, string> = {
  invalid: '无效',
  duplicate: '重复',
  not_ours: '非本单位职责',
};

export const alarmTypeNames: Record<AlarmType, string> = {
  noise_exceeded: '噪音超标',
  indoor_charging: '室内电动车充电',
  smoke: '烟雾',
  offline: '设备离线',
};

export const alarmStatusNames: Record<AlarmStatus, string> = {
  active: '未处理',
  acknowledged: '已确认',
  cleared: '已解除',
};

export const alarmSeverityNames: Record<AlarmSeverity, string> = {
  critical: '严重',
  major: '重要',
  minor: '一般',
};

/** `2026-11-23 08:05` in Beijing time; empty for no time. */
export function beijingDateTime(at: Date | null | undefined): string | null {
  if (!at) return null;
  const ms = at.getTime();
  return `${beijingDate(ms)} ${beijingClock(ms)}`;
}

/** A share as a percentage with one decimal, or null when there was nothing to measure. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}
