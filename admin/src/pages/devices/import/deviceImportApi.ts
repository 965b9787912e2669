import { deviceImportFileField, deviceImportResultSchema, type DeviceImportResult } from '@jiefang/contracts';
import { bffRoute } from '../../../api/routes';
import { downloadImportTemplate, sendImportFile } from '../../../imports/importTransfer';

const routes = {
  template: bffRoute('GET', '/api/devices/import/template'),
  preview: bffRoute('POST', '/api/devices/import/preview'),
  commit: bffRoute('POST', '/api/devices/import'),
};

/** Sends the file for a preview (nothing is written) or for the import itself, reporting upload progress. */
export function sendDeviceFile(
  file: File,
  commit: boolean,
  onProgress?: (fraction: number) => void,
): Promise<DeviceImportResult> {
  const route = commit ? routes.commit : routes.preview;
  return sendImportFile(route.at().url, deviceImportFileField, file, deviceImportResultSchema, onProgress);
}

/** The template workbook, fetched with the session's token. */
export const downloadDeviceTemplate = () =>
  downloadImportTemplate(routes.template.at().url, 'device-import-template.xlsx');
