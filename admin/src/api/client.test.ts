import { authResponseSchema, readinessSchema } from '@jiefang/contracts';
import { describe, expect, it, vi } from 'vitest';
import { createApiClient, type ApiClientOptions } from './client';
import { ApiError, describeError, isRetryable } from './errors';

const authBody = {
  token: 'tok-1',
  expiresAt: '2099-01-01T00:00:00.000Z',
  user: { id: 'u1', name: '张晓明', roles: ['squad_leader'], streetName: '赤岗街道' },
};

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

function errorBody(code: string, message: string, details?: unknown) {
  return { error: { code, message, details } };
}

function setup(
  response: Response | Error,
  token: string | null = null,
  overrides: Partial<ApiClientOptions> = {},
) {
  const fetchMock = vi.fn<typeof fetch>(async () => {
    if (response instanceof Error) throw response;
    return response;
  });
  const onUnauthenticated = vi.fn<(error: ApiError) => void>();
  const client = createApiClient({
    baseUrl: '',
    getToken: () => token,
    onUnauthenticated,
    fetch: fetchMock,
    ...overrides,
  });
  return { client, fetchMock, onUnauthenticated };
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('createApiClient', () => {
  it('posts JSON and returns the validated body', async () => {
    const { client, fetchMock } = setup(json(200, authBody));
    const result = await client.request('/api/auth/login', {
      method: 'POST',
      body: { username: 'admin', password: 'pw' },
      schema: authResponseSchema,
    });
    expect(result.user.name).toBe('张晓明');
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/auth/login');
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe('{"username":"admin","password":"pw"}');
    expect((init?.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect((init?.headers as Record<string, string>).Authorization).toBeUndefined();
  });

  it('sends the bearer token and prefixes the base URL without doubling slashes', async () => {
    const { client, fetchMock } = setup(json(200, authBody), 'secret', { baseUrl: 'http://bff.test/' });
    await client.request('/api/me', { schema: authResponseSchema });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('http://bff.test/api/me');
    expect((init?.headers as Record<string, string>).Authorization).toBe('Bearer secret');
  });

  it('turns the BFF error body into an ApiError carrying its Chinese message', async () => {
    const { client, onUnauthenticated } = setup(json(401, errorBody('unauthenticated', '用户名或密码错误')));
    const error = await failure(
      client.request('/api/auth/login', { method: 'POST', schema: authResponseSchema }),
    );
    expect(error.status).toBe(401);
    expect(error.code).toBe('unauthenticated');
    expect(describeError(error)).toBe('用户名或密码错误');
    // No token was sent (a failed login), so there is no session to end.
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it.each(['unauthenticated', 'token_expired'])(
    'ends the session on a 401 %s for a request with a token',
    async (code) => {
      const { client, onUnauthenticated } = setup(json(401, errorBody(code, '登录已过期')), 'stale');
      const error = await failure(client.request('/api/me', { schema: authResponseSchema }));
      expect(onUnauthenticated).toHaveBeenCalledExactlyOnceWith(error);
    },
  );

  it('keeps the session on 403 forbidden', async () => {
    const { client, onUnauthenticated } = setup(json(403, errorBody('forbidden', '无权访问')), 'tok');
    const error = await failure(client.request('/api/me', { schema: authResponseSchema }));
    expect(error.code).toBe('forbidden');
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it('says "too many attempts" for 429, with the Retry-After wait when given', async () => {
    const { client } = setup(
      json(429, errorBody('rate_limited', 'Too Many Requests'), { 'Retry-After': '30' }),
    );
    const error = await failure(
      client.request('/api/auth/login', { method: 'POST', schema: authResponseSchema }),
    );
    expect(error.retryAfterSeconds).toBe(30);
    expect(describeError(error)).toBe('尝试次数过多，请 30 秒后再试');

    const bare = setup(new Response('slow down', { status: 429 }));
    const plain = await failure(bare.client.request('/x', { schema: authResponseSchema }));
    expect(describeError(plain)).toBe('尝试次数过多，请稍后再试');
  });

  it('reports a proxy error page (no BFF body) as the service being unavailable', async () => {
    const { client } = setup(new Response('<html>Bad Gateway</html>', { status: 502 }));
    const error = await failure(client.request('/api/me', { schema: authResponseSchema }));
    expect(error.status).toBe(502);
    expect(describeError(error)).toBe('服务暂时不可用，请稍后重试');
    expect(isRetryable(error)).toBe(true);
  });

  it('keeps the message of an error code this build does not know', async () => {
    const { client } = setup(json(418, errorBody('teapot', '我是茶壶')));
    const error = await failure(client.request('/api/me', { schema: authResponseSchema }));
    expect(describeError(error)).toBe('我是茶壶');
    expect(isRetryable(error)).toBe(false);
  });

  it('reports a network failure as such', async () => {
    const { client } = setup(new TypeError('Failed to fetch'));
    const error = await failure(client.request('/api/me', { schema: authResponseSchema }));
    expect(error.status).toBe(0);
    expect(error.code).toBe('network_error');
    expect(describeError(error)).toBe('网络连接失败，请检查网络后重试');
    expect(isRetryable(error)).toBe(true);
  });

  it('rejects a 200 whose body does not match the contract', async () => {
    const { client } = setup(json(200, { token: 1 }));
    const error = await failure(client.request('/api/auth/login', { schema: authResponseSchema }));
    expect(error.code).toBe('bad_response');
    expect(describeError(error)).toBe('服务器返回了无法识别的数据，请稍后重试');
  });

  it('accepts a 503 readiness answer as data when told to', async () => {
    const body = {
      status: 'unavailable',
      checks: {
        mongodb: { ok: true, latencyMs: 3 },
        redis: { ok: false, error: 'connect ECONNREFUSED' },
        mqtt: { ok: true, latencyMs: 1 },
      },
    };
    const { client } = setup(json(503, body));
    const readiness = await client.request('/readyz', { schema: readinessSchema, acceptStatuses: [503] });
    expect(readiness.status).toBe('unavailable');
    expect(readiness.checks.redis.error).toBe('connect ECONNREFUSED');

    const strict = setup(json(503, body));
    const error = await failure(strict.client.request('/readyz', { schema: readinessSchema }));
    expect(error.status).toBe(503);
  });
});
