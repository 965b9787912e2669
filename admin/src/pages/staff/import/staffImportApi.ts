import { staffImportFileField, staffImportResultSchema, type StaffImportResult } from '@jiefang/contracts';
import { bffRoute } from '../../../api/routes';
import { downloadImportTemplate, sendImportFile } from '../../../imports/importTransfer';

const routes = {
  template: bffRoute('GET', '/api/users/import/template'),
  preview: bffRoute('POST', '/api/users/import/preview'),
  commit: bffRoute('POST', '/api/users/import'),
};

/** Sends the file for a preview (nothing is written) or for the import itself, reporting upload progress. */
export function sendStaffFile(
  file: File,
  commit: boolean,
  onProgress?: (fraction: number) => void,
): Promise<StaffImportResult> {
  const route = commit ? routes.commit : routes.preview;
  return sendImportFile(route.at().url, staffImportFileField, file, staffImportResultSchema, onProgress);
}

/** The template workbook, fetched with the session's token (a plain link cannot carry it). */
export const downloadTemplate = () =>
  downloadImportTemplate(routes.template.at().url, 'staff-import-template.xlsx');
