/** A problem with one field of a request, by its dotted path (`windowStart`, `emergencyContacts.0.phone`). */
export interface PathIssue {
  path: string;
  message: string;
}

const isPathIssue = (item: unknown): item is PathIssue =>
  typeof item === 'object' &&
  item !== null &&
  typeof (item as { path?: unknown }).path === 'string' &&
  typeof (item as { message?: unknown }).message === 'string';

/**
 * The field problems in a BFF error's `details`: `{ fields: [{ path, message }] }` (400), a bare list of
 * them, or `{ field }` with the error's own message (409 conflicts). Empty when there are none.
 */
export function serverPathIssues(details: unknown, message: string): PathIssue[] {
  if (Array.isArray(details)) return details.filter(isPathIssue);
  if (typeof details !== 'object' || details === null) return [];
  const fields = (details as { fields?: unknown }).fields;
  if (Array.isArray(fields)) return fields.filter(isPathIssue);
  const field = (details as { field?: unknown }).field;
  if (typeof field === 'string' && field) return [{ path: field, message }];
  return [];
}

/** zod issues as path issues. */
export function zodPathIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  return issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

export interface GroupedIssues<F extends string> {
  /** Messages per form field, without repeats. */
  fields: Partial<Record<F, string[]>>;
  /** Problems that belong to no field on the form: shown above the buttons. */
  general: string[];
}

/** Sorts issues onto the form's fields with `fieldOf` (a request path → a form field, or null). */
export function groupIssues<F extends string>(
  issues: readonly PathIssue[],
  fieldOf: (path: string) => F | null,
): GroupedIssues<F> {
  const fields: Partial<Record<F, string[]>> = {};
  const general: string[] = [];
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    const list = field ? (fields[field] ??= []) : general;
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return { fields, general };
}

/** `emergencyContacts.0.phone` → `['emergencyContacts', 0, 'phone']`, as antd's Form names nested fields. */
export function namePath(path: string): (string | number)[] {
  return path
    .split('.')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}
