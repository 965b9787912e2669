/** Pure: what the import pages ask of any import answer's rows, whatever the rows became (staff, devices). */

/** What every import answer's row has in common. */
export interface ImportRowShape {
  row: number;
  status: 'ready' | 'created' | 'already_imported' | 'invalid';
  errors: ReadonlyArray<{ path: string; message: string }>;
}

/** What every import answer has in common: the rows checked (or written) and their totals. */
export interface ImportResultShape<Row extends ImportRowShape> {
  committed: boolean;
  rows: Row[];
  totals: { rows: number; ready: number; created: number; alreadyImported: number; invalid: number };
}

/** Each column's messages for a row, so a bad cell can be marked where it is. */
export function errorsByColumn(row: ImportRowShape): Map<string, string[]> {
  const byColumn = new Map<string, string[]>();
  for (const { path, message } of row.errors) byColumn.set(path, [...(byColumn.get(path) ?? []), message]);
  return byColumn;
}

/** Whether 确认导入 has anything to do. */
export const canCommit = (result: ImportResultShape<ImportRowShape> | null) =>
  !!result && !result.committed && result.totals.ready > 0;
