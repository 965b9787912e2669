import type { Connection } from 'mongoose';
import { batchedInsertsInto } from '../../infra/batchedInserts';
import { auditCollection, auditModel, type AuditDocument } from './auditModel';

/** What a search narrows to; every field optional. `from`/`to` are instants, `to` exclusive. */
export interface AuditFilter {
  actor?: string;
  action?: string;
  targetId?: string;
  streetId?: string;
  from?: Date;
  to?: Date;
}

/**
 * Every MongoDB query on the audit log. It is append-only: this store inserts and reads, and nothing
 * in the code base updates or deletes an entry (auditStore.test.ts checks this module's source).
 */
export function auditStore(connection: Connection) {
  const entries = auditModel(connection);
  // Group commit: a burst of staff actions (a bulk import, a shift change) commits once per batch.
  const inserts = batchedInsertsInto<AuditDocument>(connection, auditCollection);

  const filterOf = (filter: AuditFilter): Record<string, unknown> => {
    const query: Record<string, unknown> = {};
    if (filter.actor) query.$or = [{ actorId: filter.actor }, { actorName: filter.actor }];
    if (filter.action) query.action = filter.action;
    if (filter.targetId) query.targetId = filter.targetId;
    if (filter.streetId) query.streetId = filter.streetId;
    if (filter.from || filter.to)
      query.at = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
    return query;
  };

  return {
    /**
     * Appends one entry once it is durably stored. An entry whose id is already stored (a retry from
     * the journal) counts as appended: ids are made once per request.
     */
    async append(entry: AuditDocument): Promise<void> {
      await inserts.insert(entry);
    },

    /** A page of entries, newest first, and how many match. */
    async search(
      filter: AuditFilter,
      page: { limit: number; offset: number },
    ): Promise<{ items: AuditDocument[]; total: number }> {
      const query = filterOf(filter);
      const [items, total] = await Promise.all([
        entries
          .find(query)
          .sort({ at: -1, _id: -1 })
          .skip(page.offset)
          .limit(page.limit)
          .lean<AuditDocument[]>()
          .exec(),
        entries.countDocuments(query).exec(),
      ]);
      return { items, total };
    },

    /** Waits for the inserts under way (shutdown). */
    drain: () => inserts.drain(),
  };
}

export type AuditStore = ReturnType<typeof auditStore>;
