import { roles, type Role } from '@jiefang/contracts';

/** The staff list's search and filters, as the URL keeps them. */
export interface StaffFilters {
  q?: string;
  role?: Role;
  street?: string;
  status?: 'enabled' | 'disabled';
}

/** The page asks for the most the BFF gives in one page; the table pages through them. */
export const STAFF_PAGE_SIZE = 200;

const isRole = (value: string | null): value is Role =>
  value !== null && (roles as readonly string[]).includes(value);

/** Reads the filters from the URL, dropping values that are not filters (an old or edited link). */
export function staffFiltersOf(params: URLSearchParams): StaffFilters {
  const q = params.get('q')?.trim();
  const role = params.get('role');
  const street = params.get('street');
  const status = params.get('status');
  return {
    ...(q ? { q: q.slice(0, 40) } : {}),
    ...(isRole(role) ? { role } : {}),
    ...(street ? { street } : {}),
    ...(status === 'enabled' || status === 'disabled' ? { status } : {}),
  };
}

/** The `GET /api/users` query for the filters. */
export function staffListQuery(filters: StaffFilters): URLSearchParams {
  const query = new URLSearchParams({ limit: String(STAFF_PAGE_SIZE) });
  if (filters.q) query.set('q', filters.q);
  if (filters.role) query.set('role', filters.role);
  if (filters.street) query.set('street', filters.street);
  if (filters.status) query.set('disabled', String(filters.status === 'disabled'));
  return query;
}
