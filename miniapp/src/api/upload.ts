import type { HttpResponse } from './client';

/** One photo to send: read from its kept place at send time. */
export interface UploadPhoto {
  ref: string;
  name: string;
  contentType: string;
}

export interface PhotoUploadRequest {
  url: string;
  headers: Record<string, string>;
  /** Sent as the one file of the multipart field `photos`. */
  photo: UploadPhoto;
  /** Bytes of this photo's request sent so far, of `total` (0 while unknown). */
  onProgress(sent: number, total: number): void;
}

/**
 * Sends one photo as a multipart/form-data request (POST /api/photos). Resolves with any HTTP answer;
 * rejects with a PhotoUnavailableError when the photo cannot be read, or another error when no answer came.
 */
export type PhotoUploader = (request: PhotoUploadRequest) => Promise<HttpResponse>;

/** How long one photo's upload may take before it counts as a network failure (and is retried). */
export const uploadTimeoutMs = 120_000;

/** The response body as JSON when it is JSON, else the text (for toApiError's fallbacks). */
export function parseResponseBody(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
