import type { AuditEntry } from '@jiefang/contracts';
import type { AuditDocument } from './auditModel';

const changeOf = (text: string | null): AuditEntry['change'] => {
  if (!text) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
};

/** One stored entry as the API shows it. */
export const auditEntryView = (entry: AuditDocument): AuditEntry => ({
  id: entry._id,
  at: entry.at.toISOString(),
  actor: { id: entry.actorId, name: entry.actorName, roles: entry.actorRoles },
  action: entry.action,
  target: { kind: entry.targetKind, id: entry.targetId },
  streetId: entry.streetId,
  outcome: entry.outcome,
  status: entry.status,
  change: changeOf(entry.change),
  method: entry.method,
  path: entry.path,
  clientAddress: entry.clientAddress,
  userAgent: entry.userAgent,
  requestId: entry.requestId,
});
