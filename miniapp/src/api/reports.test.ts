import { PhotoUnavailableError } from '../features/report/submission';
import { createApiClient, type HttpResponse, type Transport } from './client';
import { createReportsApi } from './reports';
import type { UploadRequest, Uploader } from './upload';

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
  const uploads: UploadRequest[] = [];
  const uploader: Uploader = async (request) => {
    uploads.push(request);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const calls: Parameters<Transport>[0][] = [];
  const transport: Transport = async (request) => {
    calls.push(request);
    return answer instanceof Error ? { status: 200, body: {} } : answer;
  };
  const authFailures: string[] = [];
  const getToken = () => token;
  const api = createReportsApi({
    client: createApiClient({ baseUrl: 'http://127.0.0.1:3000', transport, getToken }),
    baseUrl: 'http://127.0.0.1:3000',
    uploader,
    getToken,
    onAuthFailure: (error) => authFailures.push(error.code),
  });
  return { api, uploads, calls, authFailures };
}

const upload = {
  idempotencyKey: 'rpt_abc_0123456789',
  fields: [['category', 'garbage']] as Array<[string, string]>,
  photos: [{ ref: 'p1', name: 'photo-1.jpg', contentType: 'image/jpeg' }],
};

describe('reports api: submit', () => {
  it('sends the Idempotency-Key and bearer token and reads the outcome', async () => {
    const { api, uploads } = setup({ status: 201, body: { ...ticket, outcome: 'joined' } });
    const result = await api.submit(upload, () => undefined);
    expect(result.outcome).toBe('joined');
    expect(uploads[0]).toMatchObject({
      url: 'http://127.0.0.1:3000/api/reports',
      headers: {
        Authorization: 'Bearer tok',
        'Idempotency-Key': 'rpt_abc_0123456789',
        Accept: 'application/json',
      },
      fields: upload.fields,
      photos: upload.photos,
    });
  });

  it('accepts a 200 replay', async () => {
    const { api } = setup({ status: 200, body: { ...ticket, outcome: 'replayed' } });
    await expect(api.submit(upload, () => undefined)).resolves.toMatchObject({
      outcome: 'replayed',
      id: 't1',
    });
  });

  it('turns a lost connection into a network ApiError but lets a lost photo through', async () => {
    await expect(setup(new Error('timeout')).api.submit(upload, () => undefined)).rejects.toMatchObject({
      code: 'network',
      status: 0,
    });
    await expect(
      setup(new PhotoUnavailableError('x')).api.submit(upload, () => undefined),
    ).rejects.toBeInstanceOf(PhotoUnavailableError);
  });

  it('keeps the BFF error, and reports a rejected token', async () => {
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
    await expect(refused.api.submit(upload, () => undefined)).rejects.toMatchObject({
      code: 'conflict',
      status: 409,
      details: { retryAfterSeconds: 2 },
    });
    const expired = setup({ status: 401, body: { error: { code: 'token_expired', message: '登录已过期' } } });
    await expect(expired.api.submit(upload, () => undefined)).rejects.toMatchObject({
      code: 'token_expired',
    });
    expect(expired.authFailures).toEqual(['token_expired']);
  });

  it('calls a 2xx it cannot read a bad response (so the draft is retried with its key)', async () => {
    await expect(
      setup({ status: 201, body: '<html>' }).api.submit(upload, () => undefined),
    ).rejects.toMatchObject({
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
