import { type z } from 'zod';
import { apiErrorOf } from './client';
import { ApiError } from './errors';

export interface UploaderOptions {
  baseUrl: string;
  getToken: () => string | null;
  onUnauthenticated: (error: ApiError) => void;
  /** Injected in tests; the browser's XMLHttpRequest otherwise. */
  createRequest?: () => XMLHttpRequest;
}

export interface UploadOptions<T> {
  schema: z.ZodType<T>;
  /** 0…1 as the request body goes out. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * multipart/form-data POSTs through XMLHttpRequest, the one browser API that reports upload progress;
 * answers and errors are handled exactly as the fetch client does.
 */
export function createUploader(options: UploaderOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');

  return function upload<T>(path: string, body: FormData, { schema, onProgress, signal }: UploadOptions<T>) {
    return new Promise<T>((resolve, reject) => {
      const xhr = options.createRequest?.() ?? new XMLHttpRequest();
      const token = options.getToken();
      xhr.open('POST', `${baseUrl}${path}`);
      xhr.setRequestHeader('Accept', 'application/json');
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress?.(Math.min(1, event.loaded / event.total));
      };
      xhr.onerror = () => reject(new ApiError(0, 'network_error', ''));
      xhr.onabort = () => reject(new DOMException('The upload was aborted', 'AbortError'));
      xhr.onload = () => {
        let payload: unknown;
        try {
          payload = xhr.responseText ? (JSON.parse(xhr.responseText) as unknown) : undefined;
        } catch {
          payload = undefined;
        }
        if (xhr.status >= 200 && xhr.status < 300) {
          onProgress?.(1);
          const parsed = schema.safeParse(payload);
          if (parsed.success) resolve(parsed.data);
          else reject(new ApiError(xhr.status, 'bad_response', '', parsed.error.issues));
          return;
        }
        const error = apiErrorOf(xhr.status, xhr.getResponseHeader('Retry-After'), payload);
        if (token && error.isUnauthenticated) options.onUnauthenticated(error);
        reject(error);
      };
      if (signal) {
        if (signal.aborted) {
          reject(new DOMException('The upload was aborted', 'AbortError'));
          return;
        }
        signal.addEventListener('abort', () => xhr.abort(), { once: true });
      }
      xhr.send(body);
    });
  };
}

export type Uploader = ReturnType<typeof createUploader>;
