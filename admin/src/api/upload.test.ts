import { ticketSchema } from '@jiefang/contracts';
import { describe, expect, it, vi } from 'vitest';
import { makeTicket } from '../test/tickets';
import { ApiError, describeError } from './errors';
import { createUploader } from './upload';

/** Just enough of XMLHttpRequest to drive the uploader. */
class FakeXhr {
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  status = 0;
  responseText = '';
  responseHeaders: Record<string, string> = {};
  upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getResponseHeader(name: string) {
    return this.responseHeaders[name] ?? null;
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total } as ProgressEvent);
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

function setup(token: string | null = 'tok') {
  const xhr = new FakeXhr();
  const onUnauthenticated = vi.fn();
  const upload = createUploader({
    baseUrl: 'http://bff.test/',
    getToken: () => token,
    onUnauthenticated,
    createRequest: () => xhr as unknown as XMLHttpRequest,
  });
  return { xhr, upload, onUnauthenticated };
}

describe('createUploader', () => {
  it('posts the form with the bearer token, reports progress and returns the validated answer', async () => {
    const { xhr, upload } = setup();
    const progress: number[] = [];
    const form = new FormData();
    form.append('note', '已处置');
    const pending = upload('/api/tickets/T-1/resolve', form, {
      schema: ticketSchema,
      onProgress: (fraction) => progress.push(fraction),
    });
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('http://bff.test/api/tickets/T-1/resolve');
    expect(xhr.headers.Authorization).toBe('Bearer tok');
    expect(xhr.headers['Content-Type']).toBeUndefined();
    expect(xhr.body).toBe(form);
    xhr.progress(0, 0);
    xhr.progress(50, 200);
    xhr.progress(200, 200);
    xhr.answer(200, makeTicket({ status: 'resolved' }));
    expect((await pending).status).toBe('resolved');
    expect(progress).toEqual([0.25, 1, 1]);
  });

  it('turns the BFF error into an ApiError with its Chinese message', async () => {
    const { xhr, upload, onUnauthenticated } = setup();
    const pending = upload('/x', new FormData(), { schema: ticketSchema });
    xhr.answer(415, {
      error: { code: 'unsupported_media_type', message: '只支持 JPEG、PNG、WebP 格式的照片' },
    });
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(describeError(error)).toBe('只支持 JPEG、PNG、WebP 格式的照片');
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it('ends the session on 401 and reports network failures', async () => {
    const first = setup();
    const pending = first.upload('/x', new FormData(), { schema: ticketSchema });
    first.xhr.answer(401, { error: { code: 'token_expired', message: '登录已过期' } });
    await expect(pending).rejects.toBeInstanceOf(ApiError);
    expect(first.onUnauthenticated).toHaveBeenCalledOnce();

    const second = setup();
    const failing = second.upload('/x', new FormData(), { schema: ticketSchema });
    second.xhr.onerror?.();
    const error = (await failing.catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('network_error');
  });

  it('rejects a 200 that is not a ticket', async () => {
    const { xhr, upload } = setup();
    const pending = upload('/x', new FormData(), { schema: ticketSchema });
    xhr.answer(200, { nope: true });
    const error = (await pending.catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('bad_response');
  });
});
