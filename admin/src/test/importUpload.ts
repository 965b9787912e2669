import { vi } from 'vitest';
import { waitUntil } from './dom';

/** What an import page sent: the URL, the bearer token and the file in the multipart form. */
export interface SentImport {
  url: string;
  token: string | undefined;
  file: File;
}

/**
 * XMLHttpRequest as the uploader uses it, answering each POST from `answers` by path after reporting half
 * the upload; returns what was sent, in order.
 */
export function fakeImportXhr(answers: Record<string, unknown>): SentImport[] {
  const sent: SentImport[] = [];
  class FakeXhr {
    upload: {
      onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null;
    } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    status = 0;
    responseText = '';
    private url = '';
    private headers: Record<string, string> = {};
    open(_: string, url: string) {
      this.url = url;
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name] = value;
    }
    getResponseHeader() {
      return null;
    }
    abort() {}
    send(body: FormData) {
      sent.push({ url: this.url, token: this.headers.Authorization, file: body.get('file') as File });
      this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 });
      setTimeout(() => {
        this.status = 200;
        this.responseText = JSON.stringify(answers[this.url]);
        this.onload?.();
      }, 10);
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  return sent;
}

/** The names of the files the page saves (a one-time workbook), caught instead of downloaded. */
export function catchSavedFiles(): string[] {
  const saved: string[] = [];
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => {} }));
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push(this.download);
  });
  return saved;
}

/** Chooses `file` in the upload of the import page whose test ids start with `testId` (`staff-import`). */
export async function chooseImportFile(testId: string, file: File): Promise<void> {
  const selector = `[data-testid="${testId}-page"] input[type="file"]`;
  await waitUntil(() => document.querySelector(selector) !== null);
  const input = document.querySelector<HTMLInputElement>(selector)!;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await Promise.resolve();
}
