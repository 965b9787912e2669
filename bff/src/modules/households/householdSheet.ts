import ExcelJS from 'exceljs';

/** One data row of an import sheet, as text, by the header it sits under. */
export interface SheetRow {
  row: number;
  cells: Record<string, string>;
}

const cellText = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('result' in value && value.result !== undefined) return String(value.result).trim();
    if ('richText' in value)
      return value.richText
        .map((part) => part.text)
        .join('')
        .trim();
    return '';
  }
  return String(value).trim();
};

/** Reads the first sheet of an .xlsx: the first row names the columns; empty rows are skipped. */
export async function readSheet(
  file: Buffer,
  maxRows: number,
): Promise<SheetRow[] | 'unreadable' | 'too_many'> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types want its own Buffer flavour; the bytes are the same.
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    return 'unreadable';
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return 'unreadable';
  const headers: string[] = [];
  sheet.getRow(1).eachCell((cell, column) => {
    headers[column] = cellText(cell.value);
  });
  const rows: SheetRow[] = [];
  for (let number = 2; number <= sheet.rowCount; number += 1) {
    const cells: Record<string, string> = {};
    sheet.getRow(number).eachCell((cell, column) => {
      const header = headers[column];
      if (header) cells[header] = cellText(cell.value);
    });
    if (Object.values(cells).every((value) => value === '')) continue;
    if (rows.length >= maxRows) return 'too_many';
    rows.push({ row: number, cells });
  }
  return rows;
}
