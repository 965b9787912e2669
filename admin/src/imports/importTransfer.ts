import { type z } from 'zod';
import { errorFromResponse } from '../api/client';
import { ApiError } from '../api/errors';
import { createUploader } from '../api/upload';
import { apiBaseUrl, session } from '../app/services';
import { filenameOf } from '../exports/exportDownload';

/**
 * What every bulk import page (staff, devices) sends and fetches: the file, with upload progress, and the
 * template; and the one-time workbook its answer carries.
 */

const upload = createUploader({
  baseUrl: apiBaseUrl,
  getToken: () => session.get()?.token ?? null,
  onUnauthenticated: (error) => session.clear(error.code === 'token_expired' ? 'expired' : 'invalid'),
});

/** Sends one file in the multipart field `field` to `url`, reporting upload progress. */
export function sendImportFile<T>(
  url: string,
  field: string,
  file: File,
  schema: z.ZodType<T>,
  onProgress?: (fraction: number) => void,
): Promise<T> {
  const form = new FormData();
  form.append(field, file, file.name);
  return upload(url, form, { schema, onProgress });
}

/** A template workbook, fetched with the session's token (a plain link cannot carry it). */
export async function downloadImportTemplate(
  url: string,
  fallbackName: string,
): Promise<{ blob: Blob; filename: string }> {
  const token = session.get()?.token;
  let response: Response;
  try {
    response = await fetch(`${apiBaseUrl}${url}`, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
  } catch (cause) {
    throw new ApiError(0, 'network_error', '', cause);
  }
  if (!response.ok) throw await errorFromResponse(response);
  return {
    blob: await response.blob(),
    filename: filenameOf(response.headers.get('Content-Disposition'), fallbackName),
  };
}
