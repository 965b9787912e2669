import {
  beijingDate,
  exportPath,
  type ExportDataset,
  type ExportFormat,
  type Role,
} from '@jiefang/contracts';
import { errorFromResponse } from '../api/client';
import { ApiError } from '../api/errors';

/** Who may export (each within their scope, as the BFF decides): the district's staff and a street's. */
export const exportRoles: readonly Role[] = ['admin', 'dispatcher', 'squad_leader', 'community_worker'];

/** Admins and dispatchers choose any street or the whole district; the others get their own street. */
export const choosesStreet = (roles: readonly Role[]) =>
  roles.includes('admin') || roles.includes('dispatcher');

export interface ExportRequest {
  dataset: ExportDataset;
  format: ExportFormat;
  from: string;
  to: string;
  street?: string;
}

/** This Beijing month up to today, and the whole of last month. */
export function monthRanges(now: number): { thisMonth: [string, string]; lastMonth: [string, string] } {
  const today = beijingDate(now);
  const [year, month] = today.split('-').map(Number) as [number, number];
  const pad = (value: number) => String(value).padStart(2, '0');
  const previous = month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
  // Day 0 of this month is the last day of the previous one.
  const lastDay = new Date(Date.UTC(year, month - 1, 0)).getUTCDate();
  return {
    thisMonth: [`${year}-${pad(month)}-01`, today],
    lastMonth: [
      `${previous.year}-${pad(previous.month)}-01`,
      `${previous.year}-${pad(previous.month)}-${pad(lastDay)}`,
    ],
  };
}

/** The name the server gave the file (RFC 5987 `filename*`), or a plain one of our own. */
export function filenameOf(disposition: string | null, fallback: string): string {
  const encoded = disposition?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      return fallback;
    }
  }
  return disposition?.match(/filename="([^"]+)"/i)?.[1] ?? fallback;
}

export function exportUrl(baseUrl: string, request: ExportRequest): string {
  const query = new URLSearchParams({ from: request.from, to: request.to });
  if (request.street) query.set('street', request.street);
  return `${baseUrl}${exportPath(request.dataset, request.format)}?${query.toString()}`;
}

/**
 * Downloads an export with the session's token (a plain link cannot carry it): reads the streamed body
 * chunk by chunk, reporting the bytes received, and returns it as a Blob with the server's file name.
 */
export async function downloadExport(
  request: ExportRequest,
  options: {
    baseUrl: string;
    token: string | null;
    onProgress?: (bytes: number) => void;
    signal?: AbortSignal;
    fetch?: typeof fetch;
  },
): Promise<{ blob: Blob; filename: string }> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  let response: Response;
  try {
    response = await doFetch(exportUrl(options.baseUrl, request), {
      headers: options.token ? { Authorization: `Bearer ${options.token}` } : {},
      signal: options.signal,
    });
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    throw new ApiError(0, 'network_error', '', cause);
  }
  if (!response.ok) throw await errorFromResponse(response);
  const type = response.headers.get('Content-Type') ?? 'application/octet-stream';
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const reader = response.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      bytes += value.byteLength;
      options.onProgress?.(bytes);
    }
  }
  return {
    blob: new Blob(chunks as BlobPart[], { type }),
    filename: filenameOf(
      response.headers.get('Content-Disposition'),
      `export-${request.from}-${request.to}.${request.format}`,
    ),
  };
}

/** Hands a downloaded Blob to the browser as a file to save. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked on the next turn: some browsers start the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
