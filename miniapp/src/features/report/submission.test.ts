import type { ReportSubmission } from '@jiefang/contracts';
import { ApiError } from '../../api/client';
import { memoryStore } from '../../storage';
import { createDraftStore, emptyFormValues, newDraft, type ReportDraft } from './draft';
import { progressView, type UploadProgress as Progress } from './labels';
import { createSubmitter, PhotoUnavailableError } from './submission';

const submission = { id: 't1', outcome: 'created' } as unknown as ReportSubmission;

type Answer = ReportSubmission | Error;

const validReport = {
  category: 'noise' as const,
  lat: 23.1066,
  lng: 113.3245,
  address: '',
  description: '',
  anonymous: false,
};

/**
 * A submitter whose uploads give `up-<ref>` (or throw what `uploadFailures[ref]` holds, once) and whose
 * report requests are answered from `answers`, in order.
 */
function setup(
  answers: Answer[],
  options: { photos?: number; uploadFailures?: Record<string, Error[]> } = {},
) {
  const store = memoryStore();
  const drafts = createDraftStore(store);
  const sent: Array<{ key: string; attempts: number; storedState: string | undefined; photoIds: string[] }> =
    [];
  const uploaded: string[] = [];
  const sleeps: number[] = [];
  const uploadCounts = new Map<string, number>();
  const submitter = createSubmitter({
    drafts,
    reportOf: () => validReport,
    uploadPhoto: async (photo, onProgress) => {
      const failure = options.uploadFailures?.[photo.ref]?.shift();
      if (failure) throw failure;
      onProgress(50, 100);
      onProgress(100, 100);
      uploaded.push(photo.ref);
      const count = (uploadCounts.get(photo.ref) ?? 0) + 1;
      uploadCounts.set(photo.ref, count);
      return count === 1 ? `up-${photo.ref}` : `up-${photo.ref}-${count}`;
    },
    sendReport: async (report, key) => {
      // What is stored while the request is out: the draft with its key, marked as sending.
      const stored = drafts.load('u1');
      sent.push({
        key,
        attempts: stored?.attempts ?? 0,
        storedState: stored?.state,
        photoIds: report.photoIds,
      });
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
    photos: Array.from({ length: options.photos ?? 1 }, (_, i) => ({
      ref: `p${i + 1}`,
      name: `photo-${i + 1}.jpg`,
      size: 10,
      contentType: 'image/jpeg',
    })),
  });
  return { drafts, submitter, draft, sent, sleeps, uploaded };
}

const conflict = () =>
  new ApiError('conflict', '这条上报正在处理中，请稍后查看', 409, { retryAfterSeconds: 3 });

describe('createSubmitter', () => {
  it('stores the draft before sending and clears it once a ticket comes back', async () => {
    const { drafts, submitter, draft, sent } = setup([submission]);
    const stages: Progress['stage'][] = [];
    const result = await submitter.submit(draft, (progress) => stages.push(progress.stage));
    expect(result).toEqual({ kind: 'done', submission });
    expect(sent).toEqual([
      { key: draft.idempotencyKey, attempts: 1, storedState: 'sending', photoIds: ['up-p1'] },
    ]);
    expect(drafts.load('u1')).toBeUndefined();
    expect(stages).toEqual(['uploading', 'uploading', 'submitting', 'done']);
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
    const { drafts, submitter, draft } = setup([], {
      uploadFailures: { p1: [new PhotoUnavailableError('gone')] },
    });
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
      reportOf: () => validReport,
      uploadPhoto: async () => 'up-p1',
      sendReport: () => {
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
    while (calls === 0) await Promise.resolve(); // the photo is uploaded first
    release(submission);
    await expect(a).resolves.toEqual({ kind: 'done', submission });
    await expect(b).resolves.toEqual({ kind: 'done', submission });
    expect(calls).toBe(1);
    expect(submitter.isSending(draft.idempotencyKey)).toBe(false);
  });
});

describe('createSubmitter: photos uploaded first', () => {
  const offline = () => new ApiError('network', '网络连接失败', 0);
  const refusedIds = (...indexes: number[]) =>
    new ApiError('unprocessable', '照片不存在、已过期或已用于其他上报，请重新上传', 422, {
      fields: indexes.map((index) => ({ path: `photoIds.${index}`, message: 'x' })),
    });

  it('remembers each uploaded id, so a retry after a restart uploads only the missing photos', async () => {
    const { drafts, submitter, draft, sent, uploaded } = setup([submission], {
      photos: 3,
      uploadFailures: { p2: [offline()] },
    });
    const first = await submitter.submit(draft);
    expect(first).toMatchObject({ kind: 'failed', failure: 'retry' });
    const kept = drafts.load('u1')!;
    expect(kept.state).toBe('failed');
    expect(kept.photos.map((photo) => photo.uploadedId)).toEqual(['up-p1', undefined, undefined]);
    expect(sent).toEqual([]);

    const second = await submitter.submit(kept);
    expect(second.kind).toBe('done');
    expect(uploaded).toEqual(['p1', 'p2', 'p3']);
    expect(sent).toEqual([
      {
        key: draft.idempotencyKey,
        attempts: 2,
        storedState: 'sending',
        photoIds: ['up-p1', 'up-p2', 'up-p3'],
      },
    ]);
  });

  it('sends the same ids again when the report itself failed', async () => {
    const { drafts, submitter, draft, sent, uploaded } = setup(
      [new ApiError('internal', '服务器出错了', 500), submission],
      { photos: 2 },
    );
    await submitter.submit(draft);
    await submitter.submit(drafts.load('u1')!);
    expect(uploaded).toEqual(['p1', 'p2']);
    expect(sent.map((s) => s.photoIds)).toEqual([
      ['up-p1', 'up-p2'],
      ['up-p1', 'up-p2'],
    ]);
    expect(new Set(sent.map((s) => s.key))).toEqual(new Set([draft.idempotencyKey]));
  });

  it('uploads again the photos a 422 names (expired or taken) and resends under the same key', async () => {
    const { drafts, submitter, draft, sent, uploaded } = setup([refusedIds(1), submission], { photos: 2 });
    const result = await submitter.submit(draft);
    expect(result.kind).toBe('done');
    expect(uploaded).toEqual(['p1', 'p2', 'p2']);
    expect(sent.map((s) => s.photoIds)).toEqual([
      ['up-p1', 'up-p2'],
      ['up-p1', 'up-p2-2'],
    ]);
    expect(sent.map((s) => s.key)).toEqual([draft.idempotencyKey, draft.idempotencyKey]);
    expect(drafts.load('u1')).toBeUndefined();
  });

  it('leaves a draft whose uploads are refused twice for a later retry, without those ids', async () => {
    const { drafts, submitter, draft, sent, uploaded } = setup([refusedIds(0), refusedIds(0), submission]);
    const first = await submitter.submit(draft);
    expect(first).toMatchObject({ kind: 'failed', failure: 'retry' });
    const kept = drafts.load('u1')!;
    expect(kept).toMatchObject({ state: 'failed', idempotencyKey: draft.idempotencyKey });
    expect(kept.photos[0]?.uploadedId).toBeUndefined();

    await expect(submitter.submit(kept)).resolves.toMatchObject({ kind: 'done' });
    expect(uploaded).toEqual(['p1', 'p1', 'p1']);
    expect(sent.map((s) => s.photoIds)).toEqual([['up-p1'], ['up-p1-2'], ['up-p1-3']]);
  });

  it('puts an upload refused for its content on that photo and keeps the ids it already has', async () => {
    const tooBig = new ApiError('payload_too_large', '单张照片不能超过 10 MB', 413);
    const { drafts, submitter, draft, sent } = setup([], { photos: 2, uploadFailures: { p2: [tooBig] } });
    const result = await submitter.submit(draft);
    expect(result).toMatchObject({
      failure: 'invalid',
      fieldErrors: { photos: '第 2 张照片：单张照片不能超过 10 MB' },
    });
    expect(drafts.load('u1')).toMatchObject({
      state: 'invalid',
      photos: [{ uploadedId: 'up-p1' }, { ref: 'p2' }],
    });
    expect(drafts.load('u1')?.photos[1]?.uploadedId).toBeUndefined();
    expect(sent).toEqual([]);
  });

  it('uploads nothing for a draft that cannot be sent', async () => {
    const { drafts, draft, uploaded } = setup([]);
    const submitter = createSubmitter({
      drafts,
      reportOf: () => {
        throw new ApiError('validation_failed', '请按提示修改后再提交', 400, {
          fields: [{ path: 'category', message: 'x' }],
        });
      },
      uploadPhoto: async () => 'never',
      sendReport: async () => submission,
      sleep: async () => undefined,
      now: () => new Date(),
    });
    await expect(submitter.submit(draft)).resolves.toMatchObject({
      failure: 'invalid',
      fieldErrors: { category: '请选择问题类型' },
    });
    expect(uploaded).toEqual([]);
  });

  it('reports progress across all photos, then a short submitting step', async () => {
    const { drafts, submitter, draft } = setup([submission], { photos: 3 });
    // Photo 1 is already uploaded: it counts as done.
    drafts.save({
      ...draft,
      photos: draft.photos.map((p, i) => (i === 0 ? { ...p, uploadedId: 'up-p1' } : p)),
    });
    const labels: string[] = [];
    const percents: number[] = [];
    await submitter.submit(drafts.load('u1')!, (progress) => {
      const view = progressView(progress);
      labels.push(view.label);
      percents.push(view.percent);
    });
    expect(labels).toEqual([
      '正在上传第 2/3 张照片 50%',
      '正在上传第 2/3 张照片 67%',
      '正在上传第 3/3 张照片 83%',
      '正在上传第 3/3 张照片 100%',
      '照片已上传，正在提交…',
      '提交完成',
    ]);
    expect([...percents].sort((a, b) => a - b)).toEqual(percents);
  });
});
