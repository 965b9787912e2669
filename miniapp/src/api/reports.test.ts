import { PhotoUnavailableError } from '../features/report/submission';
import { createApiClient, type HttpResponse, type Transport } from './client';
import { createReportsApi } from './reports';
import type { PhotoUploadRequest, PhotoUploader } from './upload';

const ticket = {
  id: 't1',
  category: 'garbage',
  categoryName: '乱堆垃圾',
  priority: 'normal',
  department: 'sanitation',
  status: 'assigned',
  version: 2,
  location: { lat: 23.1066, lng: 113.3245 },
  address: '阅江西路',
  description: '',
  reporterCount: 1,
  streetId: 'chigang',
  streetName: '赤岗街道',
  squadId: 'squad-chigang',
  assigneeId: 'o1',
  slaBreached: false,
  deadlines: { acceptBy: null, warnAt: '2025-03-01T08:10:00Z', breachAt: '2025-03-01T08:15:00Z' },
  reportedAt: '2025-03-01T08:00:00Z',
  updatedAt: '2025-03-01T08:00:01Z',
  photos: [{ id: 'p1', url: '/api/photos/p1?expires=1&signature=s', thumbnailUrl: '/api/photos/p1t?x=1' }],
  resolution: null,
  rating: null,
  timeline: [],
};

function setup(answer: HttpResponse | Error, token: string | undefined = 'tok') {
  const uploads: PhotoUploadRequest[] = [];
  const photoUploader: PhotoUploader = async (request) => {
    uploads.push(request);
    request.onProgress(5, 10);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const calls: Parameters<Transport>[0][] = [];
  const transport: Transport = async (request) => {
    calls.push(request);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const authFailures: string[] = [];
  const getToken = () => token;
  const api = createReportsApi({
    client: createApiClient({ baseUrl: 'http://127.0.0.1:3000', transport, getToken }),
    baseUrl: 'http://127.0.0.1:3000',
    photoUploader,
    getToken,
    onAuthFailure: (error) => authFailures.push(error.code),
  });
  return { api, uploads, calls, authFailures };
}

const photo = { ref: 'p1', name: 'photo-1.jpg', contentType: 'image/jpeg' };
const photoRef = {
  id: '0123456789abcdef01234567',
  url: '/api/photos/x?s=1',
  thumbnailUrl: '/api/photos/y?s=1',
};
const report = {
  category: 'garbage' as const,
  lat: 23.1066,
  lng: 113.3245,
  address: '阅江西路',
  description: '',
  anonymous: false,
  photoIds: [photoRef.id],
};
const key = 'rpt_abc_0123456789';

describe('reports api: uploadPhoto', () => {
  it('sends one photo to /api/photos with the bearer token and passes its byte progress on', async () => {
    const { api, uploads } = setup({ status: 201, body: photoRef });
    const progress: Array<[number, number]> = [];
    await expect(api.uploadPhoto(photo, (sent, total) => progress.push([sent, total]))).resolves.toEqual(
      photoRef,
    );
    expect(uploads[0]).toMatchObject({
      url: 'http://127.0.0.1:3000/api/photos',
      headers: { Authorization: 'Bearer tok', Accept: 'application/json' },
      photo,
    });
    expect(progress).toEqual([[5, 10]]);
  });

  it('turns a lost connection into a network ApiError but lets a lost photo through', async () => {
    await expect(setup(new Error('timeout')).api.uploadPhoto(photo, () => undefined)).rejects.toMatchObject({
      code: 'network',
      status: 0,
    });
    await expect(
      setup(new PhotoUnavailableError('x')).api.uploadPhoto(photo, () => undefined),
    ).rejects.toBeInstanceOf(PhotoUnavailableError);
  });

  it('keeps the BFF error, reports a rejected token, and calls an unreadable 2xx a bad response', async () => {
    const tooBig = setup({
      status: 413,
      body: { error: { code: 'payload_too_large', message: '单张照片不能超过 10 MB' } },
    });
    await expect(tooBig.api.uploadPhoto(photo, () => undefined)).rejects.toMatchObject({
      code: 'payload_too_large',
      status: 413,
    });
    const expired = setup({ status: 401, body: { error: { code: 'token_expired', message: '登录已过期' } } });
    await expect(expired.api.uploadPhoto(photo, () => undefined)).rejects.toMatchObject({
      code: 'token_expired',
    });
    expect(expired.authFailures).toEqual(['token_expired']);
    await expect(
      setup({ status: 201, body: '<html>' }).api.uploadPhoto(photo, () => undefined),
    ).rejects.toMatchObject({ code: 'bad_response', status: 201 });
  });
});

describe('reports api: submit', () => {
  it('posts the report as JSON with the Idempotency-Key and bearer token and reads the outcome', async () => {
    const { api, calls } = setup({ status: 201, body: { ...ticket, outcome: 'joined' } });
    const result = await api.submit(report, key);
    expect(result.outcome).toBe('joined');
    expect(calls[0]).toEqual({
      method: 'POST',
      url: 'http://127.0.0.1:3000/api/reports',
      headers: {
        Authorization: 'Bearer tok',
        'Idempotency-Key': key,
        Accept: 'application/json',
        'Content-Type': 'application/json',
      },
      body: report,
    });
  });

  it('accepts a 200 replay', async () => {
    const { api } = setup({ status: 200, body: { ...ticket, outcome: 'replayed' } });
    await expect(api.submit(report, key)).resolves.toMatchObject({ outcome: 'replayed', id: 't1' });
  });

  it('turns a lost connection into a network ApiError', async () => {
    await expect(setup(new Error('timeout')).api.submit(report, key)).rejects.toMatchObject({
      code: 'network',
      status: 0,
    });
  });

  it('keeps the BFF error, with the photo ids it refused', async () => {
    const refused = setup({
      status: 409,
      body: {
        error: {
          code: 'conflict',
          message: '这条上报正在处理中，请稍后查看',
          details: { retryAfterSeconds: 2 },
        },
      },
    });
    await expect(refused.api.submit(report, key)).rejects.toMatchObject({
      code: 'conflict',
      status: 409,
      details: { retryAfterSeconds: 2 },
    });
    const taken = setup({
      status: 422,
      body: {
        error: {
          code: 'unprocessable',
          message: '照片不存在、已过期或已用于其他上报，请重新上传',
          details: { fields: [{ path: 'photoIds.0', message: photoRef.id }] },
        },
      },
    });
    await expect(taken.api.submit(report, key)).rejects.toMatchObject({
      code: 'unprocessable',
      status: 422,
      details: { fields: [{ path: 'photoIds.0' }] },
    });
  });

  it('calls a 2xx it cannot read a bad response (so the draft is retried with its key)', async () => {
    await expect(setup({ status: 201, body: '<html>' }).api.submit(report, key)).rejects.toMatchObject({
      code: 'bad_response',
      status: 201,
    });
  });
});

describe('reports api: reading and actions', () => {
  it('lists my reports page by page', async () => {
    const { api, calls } = setup({ status: 200, body: { items: [ticket], total: 1 } });
    await expect(api.mine({ offset: 20 })).resolves.toMatchObject({ total: 1 });
    expect(calls[0]?.url).toBe('http://127.0.0.1:3000/api/reports?mine=1&limit=20&offset=20');
  });

  it('posts confirm, reopen and rate to the ticket', async () => {
    const { api, calls } = setup({ status: 200, body: ticket });
    await api.confirm('t/1');
    await api.reopen('t1', '还没修好');
    await api.rate('t1', { score: 5, comment: '很快' });
    expect(calls.map((c) => [c.method, c.url, c.body])).toEqual([
      ['POST', 'http://127.0.0.1:3000/api/reports/t%2F1/confirm', {}],
      ['POST', 'http://127.0.0.1:3000/api/reports/t1/reopen', { reason: '还没修好' }],
      ['POST', 'http://127.0.0.1:3000/api/reports/t1/rate', { score: 5, comment: '很快' }],
    ]);
  });

  it('makes photo paths absolute for the mini-program', () => {
    const { api } = setup({ status: 200, body: {} });
    expect(api.photoUrl('/api/photos/p1?expires=1&signature=s')).toBe(
      'http://127.0.0.1:3000/api/photos/p1?expires=1&signature=s',
    );
    expect(api.photoUrl('https://cdn.example/p.jpg')).toBe('https://cdn.example/p.jpg');
  });
});
