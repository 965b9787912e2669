import ExcelJS from 'exceljs';
import { beijingClock, beijingDate } from '@jiefang/contracts';

/**
 * Writing the workbooks every bulk import hands out (staff, devices): the template a street office fills in
 * and the one-time file of what only the import knows (passwords, secrets). What goes in them is the
 * import's own business.
 */

export interface WorkbookColumn {
  header: string;
  width: number;
}

/** A workbook signed as ours. */
export function newWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '街坊';
  return workbook;
}

export const workbookBuffer = async (workbook: ExcelJS.Workbook) =>
  Buffer.from(await workbook.xlsx.writeBuffer());

/** The sheet a person fills in: the headers (frozen, bold) and one grey example row, refused if left in. */
export function addEntrySheet<H extends string>(
  workbook: ExcelJS.Workbook,
  name: string,
  sheet: {
    headers: readonly H[];
    widths: Partial<Record<H, number>>;
    example: Record<H, string>;
    /** Columns Excel must keep as text (it would turn 13800000000 into 1.38E+10, 00123 into 123). */
    textColumns: readonly H[];
  },
): void {
  const entry = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  entry.columns = sheet.headers.map((header) => ({ header, key: header, width: sheet.widths[header] }));
  entry.getRow(1).font = { bold: true };
  const example = entry.addRow(sheet.headers.map((header) => sheet.example[header]));
  example.font = { italic: true, color: { argb: 'FF888888' } };
  for (const header of sheet.textColumns) entry.getColumn(header).numFmt = '@';
}

/** The 可选值 sheet: each column a list of what a row may name, side by side. */
export function addChoicesSheet(
  workbook: ExcelJS.Workbook,
  columns: ReadonlyArray<WorkbookColumn & { values: readonly string[] }>,
): void {
  const choices = workbook.addWorksheet('可选值');
  choices.columns = columns.map(({ header, width }) => ({ header, width }));
  choices.getRow(1).font = { bold: true };
  const rows = Math.max(...columns.map(({ values }) => values.length));
  for (let index = 0; index < rows; index += 1) {
    choices.addRow(columns.map(({ values }) => values[index] ?? ''));
  }
}

/** The 说明 sheet: one line of guidance a row. */
export function addNotesSheet(workbook: ExcelJS.Workbook, width: number, lines: readonly string[]): void {
  const notes = workbook.addWorksheet('说明');
  notes.getColumn(1).width = width;
  for (const line of lines) notes.addRow([line]);
}

/**
 * A file given once (passwords, secrets): one sheet of rows under bold headers, then when it was made (in
 * Beijing time) and what to do with it.
 */
export async function onceWorkbook(file: {
  sheet: string;
  columns: readonly WorkbookColumn[];
  rows: ReadonlyArray<ReadonlyArray<string | number>>;
  /** 1-based columns Excel must keep as text. */
  textColumns?: readonly number[];
  at: Date;
  advice: string;
}): Promise<Buffer> {
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet(file.sheet);
  sheet.columns = file.columns.map(({ header, width }) => ({ header, width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of file.rows) sheet.addRow([...row]);
  for (const column of file.textColumns ?? []) sheet.getColumn(column).numFmt = '@';
  sheet.addRow([]);
  sheet.addRow([
    `导入时间 ${beijingDate(file.at.getTime())} ${beijingClock(file.at.getTime())}（北京时间）。${file.advice}`,
  ]);
  return workbookBuffer(workbook);
}
