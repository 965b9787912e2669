import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../app/services';
import { auditSearchParams, type AuditFilters } from './auditLog';

export const auditKeys = {
  all: ['audit'] as const,
  list: (filters: AuditFilters) => ['audit', auditSearchParams(filters).toString()] as const,
};

/** One page of the audit log for the filters; the last page stays shown while the next loads. */
export function useAuditLog(filters: AuditFilters) {
  return useQuery({
    queryKey: auditKeys.list(filters),
    queryFn: ({ signal }) => api.auditLog(auditSearchParams(filters), signal),
    placeholderData: keepPreviousData,
  });
}
