import { staffImportFileField, staffImportResultSchema, type StaffImportResult } from '@jiefang/contracts';
import { errorFromResponse } from '../../../api/client';
import { ApiError } from '../../../api/errors';
import { bffRoute } from '../../../api/routes';
import { createUploader } from '../../../api/upload';
import { apiBaseUrl, session } from '../../../app/services';
import { filenameOf } from '../../../exports/exportDownload';

const routes = {
  template: bffRoute('GET', '/api/users/import/template'),
  preview: bffRoute('POST', '/api/users/import/preview'),
  commit: bffRoute('POST', '/api/users/import'),
};

const upload = createUploader({
  baseUrl: apiBaseUrl,
  getToken: () => session.get()?.token ?? null,
  onUnauthenticated: (error) => session.clear(error.code === 'token_expired' ? 'expired' : 'invalid'),
});

const formOf = (file: File) => {
  const form = new FormData();
  form.append(staffImportFileField, file, file.name);
  return form;
};

/** Sends the file for a preview (nothing is written) or for the import itself, reporting upload progress. */
export function sendStaffFile(
  file: File,
  commit: boolean,
  onProgress?: (fraction: number) => void,
): Promise<StaffImportResult> {
  const route = commit ? routes.commit : routes.preview;
  return upload(route.at().url, formOf(file), { schema: staffImportResultSchema, onProgress });
}

/** The template workbook, fetched with the session's token (a plain link cannot carry it). */
export async function downloadTemplate(): Promise<{ blob: Blob; filename: string }> {
  const token = session.get()?.token;
  let response: Response;
  try {
    response = await fetch(`${apiBaseUrl}${routes.template.at().url}`, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
  } catch (cause) {
    throw new ApiError(0, 'network_error', '', cause);
  }
  if (!response.ok) throw await errorFromResponse(response);
  return {
    blob: await response.blob(),
    filename: filenameOf(response.headers.get('Content-Disposition'), 'staff-import-template.xlsx'),
  };
}
