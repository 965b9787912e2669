import type { UploadProgress } from '../features/report/labels';
import type { HttpResponse } from './client';

/** One photo to send: read from its kept place at send time. */
export interface UploadPhoto {
  ref: string;
  name: string;
  contentType: string;
}

export interface UploadRequest {
  url: string;
  headers: Record<string, string>;
  fields: Array<[string, string]>;
  /** Sent under the multipart field `photos`, in this order. */
  photos: UploadPhoto[];
  onProgress(progress: UploadProgress): void;
}

/**
 * Sends one multipart/form-data request with every photo. Resolves with any HTTP answer; rejects with a
 * PhotoUnavailableError when a photo cannot be read, or with another error when no answer came at all.
 */
export type Uploader = (request: UploadRequest) => Promise<HttpResponse>;

/** How long one submission may take before it counts as a network failure (and is retried with its key). */
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
