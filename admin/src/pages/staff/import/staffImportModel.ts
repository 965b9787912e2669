import {
  beijingClock,
  beijingDate,
  requiredStaffImportHeaders,
  staffImportHeaders,
  staffImportLimits,
  type Role,
  type StaffImportHeader,
  type StaffImportResult,
  type StaffImportRow,
} from '@jiefang/contracts';
import { type MessageKey } from '../../../i18n';
import { errorsByColumn } from '../../../imports/importRows';

/** The row helpers every import page shares. */
export { canCommit, errorsByColumn } from '../../../imports/importRows';

/** Who may import staff: admins (a street's admin into their street, as the BFF decides). */
export const staffImportRoles: readonly Role[] = ['admin'];

/** Why a chosen file cannot be sent (checked again by the BFF, by content), or null when it may go. */
export function fileProblem(file: { name: string; size: number }): MessageKey | null {
  if (!/\.(xlsx|csv)$/i.test(file.name)) return 'staffImport.fileType';
  if (file.size === 0) return 'staffImport.fileEmpty';
  if (file.size > staffImportLimits.maxBytes) return 'staffImport.fileTooLarge';
  return null;
}

/** The cell as written, or, for a valid row, as understood (the street a grid implies, the roles). */
export function cellOf(row: StaffImportRow, header: StaffImportHeader): string {
  const written = row.cells[header] ?? '';
  if (!row.account) return written;
  if (header === '街道') return row.account.streetName ?? written;
  if (header === '网格') return row.account.gridName ?? written;
  if (header === '用户名') return row.account.username;
  return written;
}

/** The columns worth showing: the required ones, and the others where some row has something. */
export function usedColumns(result: StaffImportResult): StaffImportHeader[] {
  return staffImportHeaders.filter(
    (header) =>
      requiredStaffImportHeaders.includes(header) ||
      result.rows.some((row) => cellOf(row, header) !== '' || errorsByColumn(row).has(header)),
  );
}

/** The rows the import created, with their one-time passwords. */
export const createdRows = (result: StaffImportResult) =>
  result.rows.filter((row) => row.status === 'created' && row.oneTimePassword);

/** `一次性密码_2026-12-03_1030.xlsx`, in Beijing time. */
export function passwordsFilename(now: number): string {
  return `一次性密码_${beijingDate(now)}_${beijingClock(now).replace(':', '')}.xlsx`;
}

/** The BFF's workbook of one-time passwords (base64 in the import's answer) as a file to save. */
export { workbookBlob } from '../../../imports/importWorkbook';
