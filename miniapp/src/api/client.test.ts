import { userSchema } from '@jiefang/contracts';
import {
  ApiError,
  fieldMessages,
  createApiClient,
  joinUrl,
  toApiError,
  type HttpRequest,
  type HttpResponse,
} from './client';

const user = { id: 'u1', name: '李阿姨', roles: ['resident'] };

function fakeTransport(response: HttpResponse | Error) {
  const calls: HttpRequest[] = [];
  const transport = async (request: HttpRequest) => {
    calls.push(request);
    if (response instanceof Error) throw response;
    return response;
  };
  return { calls, transport };
}

describe('toApiError', () => {
  it('keeps the code, Chinese message and details of a BFF error body', () => {
    const error = toApiError({
      status: 400,
      body: {
        error: {
          code: 'validation_failed',
          message: '请求参数不正确',
          details: { fields: [{ path: 'street', message: '没有这个街道：X' }] },
        },
      },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('validation_failed');
    expect(error.message).toBe('请求参数不正确');
    expect(error.status).toBe(400);
    expect(error.displayMessage).toBe('请求参数不正确：没有这个街道：X');
    expect(error.isAuthFailure).toBe(false);
  });

  it.each(['unauthenticated', 'token_expired'] as const)('treats %s as an auth failure', (code) => {
    const error = toApiError({ status: 401, body: { error: { code, message: '登录已过期' } } });
    expect(error.isAuthFailure).toBe(true);
    expect(error.displayMessage).toBe('登录已过期');
  });

  it('falls back on the status when the body is not an error body', () => {
    expect(toApiError({ status: 401, body: '<html>' }).code).toBe('unauthenticated');
    expect(toApiError({ status: 429, body: null }).code).toBe('rate_limited');
    const server = toApiError({ status: 502, body: 'Bad Gateway' });
    expect(server.code).toBe('internal');
    expect(server.message).toBe('服务器出错了，请稍后再试');
    expect(toApiError({ status: 418, body: {} }).code).toBe('bad_response');
  });

  it('does not trust an unknown error code', () => {
    const error = toApiError({ status: 400, body: { error: { code: 'made_up', message: 'x' } } });
    expect(error.code).toBe('bad_response');
  });
});

describe('createApiClient', () => {
  it('joins the base and path, sends the bearer token and parses the body', async () => {
    const { calls, transport } = fakeTransport({ status: 200, body: user });
    const client = createApiClient({ baseUrl: 'http://127.0.0.1:3000/', transport, getToken: () => 'tok' });
    await expect(client.send({ method: 'GET', path: '/api/me' }, userSchema)).resolves.toEqual(user);
    expect(calls[0]).toMatchObject({
      method: 'GET',
      url: 'http://127.0.0.1:3000/api/me',
      headers: { Authorization: 'Bearer tok', Accept: 'application/json' },
    });
    expect(calls[0]?.headers['Content-Type']).toBeUndefined();
  });

  it('uses same-origin paths with an empty base and sends JSON bodies without a token', async () => {
    const { calls, transport } = fakeTransport({ status: 200, body: user });
    const client = createApiClient({ baseUrl: '', transport, getToken: () => undefined });
    await client.send({ method: 'POST', path: '/api/x' }, userSchema, { a: 1 });
    expect(calls[0]?.url).toBe('/api/x');
    expect(calls[0]?.body).toEqual({ a: 1 });
    expect(calls[0]?.headers['Content-Type']).toBe('application/json');
    expect(calls[0]?.headers.Authorization).toBeUndefined();
  });

  it('reports a rejected token once and still rejects the call', async () => {
    const { transport } = fakeTransport({
      status: 401,
      body: { error: { code: 'token_expired', message: '登录已过期' } },
    });
    const onAuthFailure = jest.fn();
    const client = createApiClient({ baseUrl: '', transport, getToken: () => 'old', onAuthFailure });
    await expect(client.send({ method: 'GET', path: '/api/me' }, userSchema)).rejects.toMatchObject({
      code: 'token_expired',
    });
    expect(onAuthFailure).toHaveBeenCalledTimes(1);
  });

  it('does not end a session that was never there (a failed sign-in is not a logout)', async () => {
    const { transport } = fakeTransport({
      status: 401,
      body: { error: { code: 'unauthenticated', message: '用户名或密码错误' } },
    });
    const onAuthFailure = jest.fn();
    const client = createApiClient({ baseUrl: '', transport, getToken: () => undefined, onAuthFailure });
    await expect(client.send({ method: 'POST', path: '/api/auth/login' }, userSchema, {})).rejects.toThrow(
      '用户名或密码错误',
    );
    expect(onAuthFailure).not.toHaveBeenCalled();
  });

  it('maps a transport failure to a network error', async () => {
    const { transport } = fakeTransport(new Error('request:fail'));
    const client = createApiClient({ baseUrl: '', transport, getToken: () => undefined });
    await expect(client.send({ method: 'GET', path: '/api/me' }, userSchema)).rejects.toMatchObject({
      code: 'network',
      message: '网络连接失败，请检查网络后重试',
    });
  });

  it('rejects a 2xx body that does not match the contract', async () => {
    const { transport } = fakeTransport({ status: 200, body: { id: 1 } });
    const client = createApiClient({ baseUrl: '', transport, getToken: () => undefined });
    await expect(client.send({ method: 'GET', path: '/api/me' }, userSchema)).rejects.toMatchObject({
      code: 'bad_response',
    });
  });
});

describe('fieldMessages', () => {
  it('reads the BFF field list, a bare list, and ignores anything else', () => {
    expect(fieldMessages({ fields: [{ path: 'name', message: '请填写姓名' }, { bad: 1 }] })).toEqual([
      '请填写姓名',
    ]);
    expect(fieldMessages([{ path: 'a', message: 'b' }])).toEqual(['b']);
    expect(fieldMessages({ dependency: 'wechat' })).toEqual([]);
    expect(fieldMessages(undefined)).toEqual([]);
  });
});

describe('joinUrl', () => {
  it('never doubles or drops the slash', () => {
    expect(joinUrl('http://a/', '/api')).toBe('http://a/api');
    expect(joinUrl('http://a', 'api')).toBe('http://a/api');
    expect(joinUrl('', '/api')).toBe('/api');
  });
});
