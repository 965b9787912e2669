/**
 * A stored time as ISO text, or null when it is no readable time (missing, or an invalid Date
 * written by older code): one bad document must never turn a whole list into a 500.
 */
export function isoOrNull(value: Date | string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
