import {
  auditedRoutes,
  auditRedacted,
  auditTargetKinds,
  type AuditEntry,
  type AuditOutcome,
  type AuditTargetKind,
  type Role,
} from '@jiefang/contracts';
import { t, type MessageKey } from '../i18n';
import { zhCN } from '../i18n/zh-CN';

/** Who sees 审计日志: the BFF serves it to administrators (a street's administrator, their street's). */
export const auditRoles: readonly Role[] = ['admin'];

export const AUDIT_PAGE_SIZE = 50;

/** The page's filters as they stand in the URL. */
export interface AuditFilters {
  actor?: string;
  action?: string;
  target?: string;
  street?: string;
  /** Beijing days, `YYYY-MM-DD`, both inclusive; set together or not at all. */
  from?: string;
  to?: string;
  /** 1-based. */
  page: number;
}

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const textOf = (value: string | null, max: number) => {
  const text = value?.trim();
  return text ? text.slice(0, max) : undefined;
};

/** Every action the log can hold, in the order the contracts list them (for the action filter). */
export const auditActions: readonly string[] = [
  ...new Set(Object.values(auditedRoutes).map((route) => route.action)),
];

/** The filters a URL holds; what is malformed is dropped (a range only when both days are sane). */
export function auditFiltersFrom(params: URLSearchParams): AuditFilters {
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const range = dayPattern.test(from) && dayPattern.test(to) && from <= to ? { from, to } : {};
  const page = Number(params.get('page'));
  const action = params.get('action') ?? '';
  const filters: AuditFilters = {
    page: Number.isInteger(page) && page > 1 ? page : 1,
    ...range,
  };
  const actor = textOf(params.get('actor'), 80);
  const target = textOf(params.get('target'), 120);
  const street = textOf(params.get('street'), 40);
  if (actor) filters.actor = actor;
  if (target) filters.target = target;
  if (street) filters.street = street;
  if (auditActions.includes(action)) filters.action = action;
  return filters;
}

/** GET /api/audit's query for the filters' page. */
export function auditSearchParams(filters: AuditFilters, pageSize = AUDIT_PAGE_SIZE): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of ['actor', 'action', 'target', 'street', 'from', 'to'] as const) {
    const value = filters[key];
    if (value) query.set(key, value);
  }
  query.set('limit', String(pageSize));
  query.set('offset', String((filters.page - 1) * pageSize));
  return query;
}

export const isFiltered = (filters: AuditFilters) =>
  Boolean(filters.actor || filters.action || filters.target || filters.street || filters.from);

const known = (key: string): key is MessageKey => key in zhCN;

/**
 * An action's Chinese name; one this build does not know (a newer BFF's) as it is. With the recorded
 * change, an account update that disabled or enabled the account says so (停用账号, 启用账号).
 */
export function auditActionLabel(action: string, change?: AuditEntry['change']): string {
  if (action === 'user.update' && typeof change?.disabled === 'boolean')
    return t(change.disabled ? 'audit.action.user.disable' : 'audit.action.user.enable');
  const key = `audit.action.${action}`;
  return known(key) ? t(key) : action;
}

export const auditTargetLabel = (kind: AuditTargetKind): string =>
  auditTargetKinds.includes(kind) ? t(`audit.target.${kind}`) : kind;

export const auditOutcomeLabel = (outcome: AuditOutcome): string => t(`audit.outcome.${outcome}`);

/** antd tag colours: refusals and failures stand out. */
export const auditOutcomeColor: Record<AuditOutcome, string> = {
  done: 'success',
  refused: 'error',
  failed: 'error',
  interrupted: 'warning',
};

/** "工单 t-123", or the kind alone when the target has no id. */
export const auditTargetText = (target: AuditEntry['target']): string =>
  target.id ? `${auditTargetLabel(target.kind)} ${target.id}` : auditTargetLabel(target.kind);

/** One line of the recorded change: a field and its value as text, secrets as 已隐去. */
export interface ChangeLine {
  field: string;
  value: string;
}

const valueText = (value: unknown): string => {
  if (value === auditRedacted) return t('audit.redacted');
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value, (_, inner: unknown) =>
    inner === auditRedacted ? t('audit.redacted') : inner,
  );
};

/** The recorded change as field/value lines, in the order it was sent. */
export function changeLines(change: AuditEntry['change']): ChangeLine[] {
  return Object.entries(change ?? {}).map(([field, value]) => ({ field, value: valueText(value) }));
}
