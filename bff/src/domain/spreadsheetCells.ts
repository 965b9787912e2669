/** A cell of an export: text, a number, or empty. */
export type ExportCell = string | number | null;

/**
 * Text a spreadsheet would take for a formula (= + - @, and tab or carriage return, which some readers
 * strip before looking) gets a leading apostrophe, as OWASP advises against CSV injection: a resident's
 * description like `=HYPERLINK(...)` must stay words when a street office opens the file in Excel.
 */
export function guardedText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; text guarded. */
export function csvField(cell: ExportCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = guardedText(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record with its CRLF line end (what Excel expects). */
export function csvLine(cells: readonly ExportCell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

/** The byte-order mark that makes Excel read a CSV as UTF-8 (Chinese otherwise comes out garbled). */
export const utf8Bom = '\uFEFF';
