import ExcelJS from 'exceljs';
import { csvRecords } from '../domain/csvRecords';
import type { SheetLine } from '../domain/importSheets';
import { HttpError, unprocessable } from './httpError';

/**
 * An uploaded import sheet (staff, devices, households) as lines of text, whether .xlsx or .csv (UTF-8 or
 * GB18030).
 */

/** What an upload is, by its first bytes rather than its name or declared type. */
export type SheetKind = 'xlsx' | 'csv';

/** Unpacked, an .xlsx of a few hundred rows is well under a megabyte; more is a zip bomb or not ours. */
const maxUnpackedBytes = 40 * 1024 * 1024;

const startsWith = (buffer: Buffer, bytes: number[]) => bytes.every((byte, index) => buffer[index] === byte);

const unsupported = (message: string) => new HttpError(415, 'unsupported_media_type', message);

/** Decides the kind from the content: a zip (xlsx), or text without NUL bytes (csv); anything else is refused. */
export function sheetKindOf(buffer: Buffer): SheetKind {
  if (startsWith(buffer, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
  if (startsWith(buffer, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw unsupported('这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 .csv 后再上传');
  }
  if (buffer.subarray(0, 8_192).includes(0)) {
    throw unsupported('只能上传 .xlsx 或 .csv 文件');
  }
  return 'csv';
}

/**
 * The sum of the sizes a zip says its entries unpack to (from its central directory), so a small upload
 * that would unpack to gigabytes is refused before exceljs unpacks it.
 */
export function unpackedSizeOfZip(buffer: Buffer): number | null {
  const endSignature = 0x06054b50;
  let end = -1;
  for (let index = buffer.length - 22; index >= Math.max(0, buffer.length - 22 - 65_535); index -= 1) {
    if (buffer.readUInt32LE(index) === endSignature) {
      end = index;
      break;
    }
  }
  if (end < 0) return null;
  const entries = buffer.readUInt16LE(end + 10);
  let offset = buffer.readUInt32LE(end + 16);
  let total = 0;
  for (let entry = 0; entry < entries; entry += 1) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== 0x02014b50) return null;
    total += buffer.readUInt32LE(offset + 24);
    offset +=
      46 +
      buffer.readUInt16LE(offset + 28) +
      buffer.readUInt16LE(offset + 30) +
      buffer.readUInt16LE(offset + 32);
  }
  return total;
}

/** CSV text: UTF-8 (with or without a BOM), else GB18030, which Excel on a Chinese Windows saves. */
function decodeText(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return new TextDecoder('gb18030').decode(buffer);
  }
}

/** A cell's value as the text a person sees (numbers as written, rich text joined, formulas' results). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  }
  if ('text' in value) return typeof value.text === 'string' ? value.text : cellText(value.text);
  return '';
}

async function xlsxLines(buffer: Buffer, sheetName: string): Promise<SheetLine[]> {
  const unpacked = unpackedSizeOfZip(buffer);
  if (unpacked === null) throw unprocessable('无法读取这个 Excel 文件，请确认它是 .xlsx 格式');
  if (unpacked > maxUnpackedBytes) throw unprocessable('这个 Excel 文件解压后过大，请只保留要导入的表格');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw unprocessable('无法读取这个 Excel 文件，请确认它是 .xlsx 格式');
  }
  // The template's first sheet is named (工作人员, 设备); a sheet of one's own making is read from the first.
  const sheet = workbook.getWorksheet(sheetName) ?? workbook.worksheets[0];
  if (!sheet) throw unprocessable('这个 Excel 文件里没有工作表');
  const lines: SheetLine[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      values[column - 1] = cellText(cell.value);
    });
    lines.push({ row: rowNumber, values: Array.from(values, (value) => value ?? '') });
  });
  return lines;
}

/** The sheet's rows as text, whichever kind the upload is; an .xlsx's sheet `sheetName`, else its first. */
export async function readSheetLines(buffer: Buffer, sheetName: string): Promise<SheetLine[]> {
  if (sheetKindOf(buffer) === 'xlsx') return xlsxLines(buffer, sheetName);
  return csvRecords(decodeText(buffer)).map((values, index) => ({ row: index + 1, values }));
}
