import {
  closureKinds,
  departments,
  type ClosureKind,
  roles,
  timelineActions,
  type Department,
  type Priority,
  type Role,
  type TicketStatus,
  type TimelineAction,
  type TimelineEntry,
} from '@jiefang/contracts';
import { t, type MessageKey } from '../i18n';
import { roleLabel } from '../i18n/roles';

export function statusLabel(status: TicketStatus): string {
  return t(`ticketStatus.${status}`);
}

export function priorityLabel(priority: Priority): string {
  return t(`priority.${priority}`);
}

export function departmentLabel(department: Department): string {
  return t(`department.${department}`);
}

export const statusColors: Record<TicketStatus, string> = {
  dispatch_queue: 'magenta',
  assigned: 'blue',
  accepted: 'geekblue',
  on_site: 'cyan',
  resolved: 'green',
  confirmed: 'default',
  reopened: 'volcano',
  closed: 'default',
};

export function closureKindLabel(kind: ClosureKind): string {
  return t(`closure.kind.${kind}`);
}

const isClosureKind = (value: unknown): value is ClosureKind =>
  typeof value === 'string' && (closureKinds as readonly string[]).includes(value);

export const priorityColors: Record<Priority, string> = { urgent: 'red', high: 'orange', normal: 'default' };

type KnownAction = TimelineAction;

const isKnownAction = (action: string): action is KnownAction =>
  (timelineActions as readonly string[]).includes(action);
const isRole = (role: string): role is Role => (roles as readonly string[]).includes(role);
const isDepartment = (value: unknown): value is Department =>
  typeof value === 'string' && (departments as readonly string[]).includes(value);

/** Timeline actions in Chinese; an action this build does not know is shown as sent. */
export function actionLabel(action: string): string {
  return isKnownAction(action) ? t(`timeline.action.${action}` as MessageKey) : action;
}

/** Names the panel can resolve for ids in the timeline. */
export interface TimelineLookups {
  officerName?: (id: string) => string | undefined;
  squadName?: (id: string) => string | undefined;
}

/**
 * Who did it. Residents are never named or identified (only their number is public); staff are named
 * from the entry itself or the officer list, otherwise by role; automatic steps are 系统.
 */
export function actorLabel(
  entry: Pick<TimelineEntry, 'actorId' | 'actorRole' | 'actorName'>,
  lookups: TimelineLookups = {},
) {
  const role = entry.actorRole;
  if (role === 'resident') return entry.actorId ? roleLabel('resident') : t('timeline.actor.anonymous');
  if (!role || role === 'system') return t('timeline.actor.system');
  if (role === 'device') return t('timeline.actor.device');
  if (!isRole(role)) return role;
  const name = entry.actorName ?? (entry.actorId ? lookups.officerName?.(entry.actorId) : undefined);
  return name ? t('timeline.actor.named', { name, role: roleLabel(role) }) : roleLabel(role);
}

/** "已派单 → 已接单", or null when the step did not change the status. */
export function transitionLabel(entry: Pick<TimelineEntry, 'from' | 'to'>): string | null {
  if (!entry.from) return statusLabel(entry.to);
  if (entry.from === entry.to) return null;
  return t('timeline.transition', { from: statusLabel(entry.from), to: statusLabel(entry.to) });
}

const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;
const str = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/** An officer's name, or a short form of the id when the panel does not know them (e.g. another squad). */
export function officerLabel(id: string, lookups: TimelineLookups = {}): string {
  return lookups.officerName?.(id) ?? t('timeline.unknownOfficer', { id: id.length > 6 ? id.slice(-6) : id });
}

/** The facts in `details` that matter to a person, each a short phrase. */
export function timelineFacts(entry: TimelineEntry, lookups: TimelineLookups = {}): string[] {
  const details = entry.details ?? {};
  const lines: string[] = [];
  const officerName = (id: string) => officerLabel(id, lookups);
  switch (entry.action) {
    case 'report': {
      if (details.routing === 'outside') lines.push(t('timeline.routingOutside'));
      if (details.routing === 'overlap') lines.push(t('timeline.routingOverlap'));
      break;
    }
    case 'report_joined': {
      const count = num(details.reporterCount);
      if (count !== undefined) lines.push(t('timeline.reporterCount', { count }));
      break;
    }
    case 'assign': {
      const officerId = str(details.officerId);
      if (officerId) lines.push(t('timeline.assignedTo', { name: officerName(officerId) }));
      if (details.manual === true) lines.push(t('timeline.manual'));
      const meters = num(details.distanceMeters);
      if (meters !== undefined) lines.push(t('timeline.distance', { meters: Math.round(meters) }));
      const eta = num(details.etaSeconds);
      if (eta !== undefined) lines.push(t('timeline.eta', { minutes: Math.max(1, Math.round(eta / 60)) }));
      break;
    }
    case 'transfer': {
      const toSquad = str(details.toSquad);
      if (toSquad) lines.push(t('timeline.toSquad', { squad: lookups.squadName?.(toSquad) ?? toSquad }));
      if (isDepartment(details.fromDepartment)) {
        lines.push(t('timeline.fromDepartment', { department: departmentLabel(details.fromDepartment) }));
      }
      if (isDepartment(details.toDepartment)) {
        lines.push(t('timeline.toDepartment', { department: departmentLabel(details.toDepartment) }));
      }
      break;
    }
    case 'check_in': {
      const meters = num(details.distanceMeters);
      if (meters !== undefined) lines.push(t('timeline.checkInDistance', { meters: Math.round(meters) }));
      const minutes = num(details.minutesSinceReport);
      if (minutes !== undefined) lines.push(t('timeline.arrivedAfter', { minutes }));
      break;
    }
    case 'close': {
      if (isClosureKind(details.kind))
        lines.push(t('timeline.closeKind', { kind: closureKindLabel(details.kind) }));
      const passedTo = str(details.passedTo);
      if (passedTo) lines.push(t('timeline.passedTo', { body: passedTo }));
      const duplicateOf = str(details.duplicateOfId);
      if (duplicateOf) lines.push(t('timeline.duplicateOf', { id: duplicateOf }));
      break;
    }
    case 'duplicate_merged': {
      const from = str(details.fromTicketId);
      if (from) lines.push(t('timeline.mergedFrom', { id: from }));
      break;
    }
    case 'rate': {
      const score = num(details.score);
      if (score !== undefined) lines.push(t('timeline.score', { score }));
      break;
    }
    default:
      break;
  }
  return lines;
}

/** The entry's reason (a resolution's note), as a line of its own; null when there is none. */
export function timelineReason(entry: Pick<TimelineEntry, 'action' | 'reason'>): string | null {
  if (!entry.reason) return null;
  return entry.action === 'resolve'
    ? t('timeline.note', { note: entry.reason })
    : t('timeline.reason', { reason: entry.reason });
}

/** Timeline colour: red for breaches and refusals, orange for warnings, green for progress. */
export function timelineColor(action: string): string {
  switch (action) {
    case 'sla_breached':
    case 'reject':
    case 'accept_timeout':
    case 'officer_disabled':
      return 'red';
    case 'sla_warning':
    case 'unread_escalated':
    case 'reopen':
    case 'queue':
      return 'orange';
    case 'close':
      return 'gray';
    case 'check_in':
    case 'resolve':
    case 'confirm':
      return 'green';
    default:
      return 'blue';
  }
}
