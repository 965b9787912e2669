import type { ReportSubmission } from '@jiefang/contracts';
import { ApiError } from '../../api/client';
import { memoryStore } from '../../storage';
import { createDraftStore, emptyFormValues, newDraft, type ReportDraft } from './draft';
import type { UploadProgress } from './labels';
import { createSubmitter, PhotoUnavailableError } from './submission';

const submission = { id: 't1', outcome: 'created' } as unknown as ReportSubmission;

function setup(answers: Array<ReportSubmission | Error>) {
  const store = memoryStore();
  const drafts = createDraftStore(store);
  const sent: Array<{ key: string; attempts: number; storedState: string | undefined }> = [];
  const sleeps: number[] = [];
  const submitter = createSubmitter({
    drafts,
    send: async (draft, onProgress) => {
      // What is stored while the request is out: the draft with its key, marked as sending.
      sent.push({
        key: draft.idempotencyKey,
        attempts: draft.attempts,
        storedState: drafts.load('u1')?.state,
      });
      onProgress({ stage: 'uploading' });
      const answer = answers.shift();
      if (!answer) throw new Error('no more answers');
      if (answer instanceof Error) throw answer;
      return answer;
    },
    sleep: async (ms) => void sleeps.push(ms),
    now: () => new Date('2025-03-01T08:00:00Z'),
  });
  const draft: ReportDraft = newDraft({
    userId: 'u1',
    values: {
      ...emptyFormValues,
      category: 'noise',
      location: { lat: 23.1066, lng: 113.3245, source: 'gps' },
    },
    photos: [{ ref: 'p1', name: 'photo-1.jpg', size: 10, contentType: 'image/jpeg' }],
  });
  return { drafts, submitter, draft, sent, sleeps };
}

const conflict = () =>
  new ApiError('conflict', '这条上报正在处理中，请稍后查看', 409, { retryAfterSeconds: 3 });

describe('createSubmitter', () => {
  it('stores the draft before sending and clears it once a ticket comes back', async () => {
    const { drafts, submitter, draft, sent } = setup([submission]);
    const stages: UploadProgress['stage'][] = [];
    const result = await submitter.submit(draft, (progress) => stages.push(progress.stage));
    expect(result).toEqual({ kind: 'done', submission });
    expect(sent).toEqual([{ key: draft.idempotencyKey, attempts: 1, storedState: 'sending' }]);
    expect(drafts.load('u1')).toBeUndefined();
    expect(stages).toEqual(['uploading', 'done']);
  });

  it.each([
    ['offline', new ApiError('network', '网络连接失败', 0)],
    ['a timeout', new Error('timeout')],
    ['a 5xx', new ApiError('internal', '服务器出错了', 500)],
    ['a 503', new ApiError('dependency_unavailable', '服务暂不可用', 503)],
  ])('keeps the draft locked after %s and retries it with the same key', async (_name, failure) => {
    const { drafts, submitter, draft, sent } = setup([failure, submission]);
    const first = await submitter.submit(draft);
    expect(first.kind).toBe('failed');
    if (first.kind !== 'failed') return;
    expect(first.failure).toBe('retry');
    const kept = drafts.load('u1');
    expect(kept).toMatchObject({ state: 'failed', attempts: 1, idempotencyKey: draft.idempotencyKey });
    expect(kept?.error?.message).toBeTruthy();

    const second = await submitter.submit(kept!);
    expect(second.kind).toBe('done');
    expect(sent.map((s) => s.key)).toEqual([draft.idempotencyKey, draft.idempotencyKey]);
    expect(sent.map((s) => s.attempts)).toEqual([1, 2]);
    expect(drafts.load('u1')).toBeUndefined();
  });

  it('waits out a 409 (the first attempt is still being processed) and retries with the same key', async () => {
    const { submitter, draft, sent, sleeps } = setup([conflict(), conflict(), submission]);
    const stages: string[] = [];
    const result = await submitter.submit(draft, (p) => stages.push(p.stage));
    expect(result.kind).toBe('done');
    expect(sleeps).toEqual([3000, 3000]);
    expect(new Set(sent.map((s) => s.key))).toEqual(new Set([draft.idempotencyKey]));
    expect(stages.filter((s) => s === 'waiting')).toHaveLength(2);
  });

  it('gives up waiting after five 409s and leaves the locked draft for later', async () => {
    const { drafts, submitter, draft, sleeps } = setup(Array.from({ length: 6 }, conflict));
    const result = await submitter.submit(draft);
    expect(sleeps).toHaveLength(5);
    expect(result).toMatchObject({
      kind: 'failed',
      failure: 'wait',
      message: '上次提交仍在处理中，请稍后重试',
    });
    expect(drafts.load('u1')?.state).toBe('failed');
  });

  it('shows a 400 next to its fields and leaves the draft editable with its key', async () => {
    const refused = new ApiError('validation_failed', '请求参数不正确', 400, {
      fields: [{ path: 'category', message: 'Invalid option' }],
    });
    const { drafts, submitter, draft } = setup([refused]);
    const result = await submitter.submit(draft);
    expect(result).toMatchObject({
      kind: 'failed',
      failure: 'invalid',
      fieldErrors: { category: '请选择问题类型' },
    });
    expect(drafts.load('u1')).toMatchObject({ state: 'invalid', idempotencyKey: draft.idempotencyKey });
  });

  it('puts a 413 on the photo it is about', async () => {
    const tooBig = new ApiError('payload_too_large', '单张照片不能超过 10 MB', 413, { field: 'photos.1' });
    const { submitter, draft } = setup([tooBig]);
    const result = await submitter.submit(draft);
    expect(result).toMatchObject({
      failure: 'invalid',
      fieldErrors: { photos: '第 2 张照片：单张照片不能超过 10 MB' },
    });
  });

  it('turns a lost photo into an editable draft with a photo error', async () => {
    const { drafts, submitter, draft } = setup([new PhotoUnavailableError('gone')]);
    const result = await submitter.submit(draft);
    expect(result).toMatchObject({
      failure: 'invalid',
      fieldErrors: { photos: expect.stringContaining('照片已失效') },
    });
    expect(drafts.load('u1')?.state).toBe('invalid');
  });

  it('keeps the draft for after signing in again when the session ended', async () => {
    const { drafts, submitter, draft } = setup([new ApiError('token_expired', '登录已过期', 401)]);
    const result = await submitter.submit(draft);
    expect(result).toMatchObject({ failure: 'auth' });
    expect(drafts.load('u1')?.state).toBe('failed');
  });

  it('never sends one draft twice at once: a second call joins the first', async () => {
    let release: (value: ReportSubmission) => void = () => undefined;
    const store = memoryStore();
    let calls = 0;
    const submitter = createSubmitter({
      drafts: createDraftStore(store),
      send: () => {
        calls += 1;
        return new Promise<ReportSubmission>((resolve) => (release = resolve));
      },
      sleep: async () => undefined,
      now: () => new Date(),
    });
    const { draft } = setup([]);
    const a = submitter.submit(draft);
    const b = submitter.submit({ ...draft, state: 'failed' });
    expect(submitter.isSending(draft.idempotencyKey)).toBe(true);
    await Promise.resolve();
    release(submission);
    await expect(a).resolves.toEqual({ kind: 'done', submission });
    await expect(b).resolves.toEqual({ kind: 'done', submission });
    expect(calls).toBe(1);
    expect(submitter.isSending(draft.idempotencyKey)).toBe(false);
  });
});
