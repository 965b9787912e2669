import { contractRoute, queryString } from './contractRoute';

describe('contractRoute', () => {
  it('finds the contracts descriptor and fills its path parameters, encoded', () => {
    const route = contractRoute('POST', '/api/escorts/:id/check-in');
    expect(route.descriptor).toMatchObject({ method: 'POST', path: '/api/escorts/:id/check-in' });
    expect(route.to({ id: 'e/1' })).toEqual({ method: 'POST', path: '/api/escorts/e%2F1/check-in' });
  });

  it('fails loudly for a route the contracts do not describe', () => {
    expect(() => contractRoute('DELETE', '/api/reports/:id')).toThrow(
      'No route DELETE /api/reports/:id in @jiefang/contracts apiRoutes',
    );
    expect(() => contractRoute('GET', '/api/nowhere')).toThrow(/No route GET \/api\/nowhere/);
  });

  it('refuses a call without one of its path parameters', () => {
    const route = contractRoute('GET', '/api/volunteers/:id/hours');
    // @ts-expect-error the compiler already wants :id
    expect(() => route.to({})).toThrow('needs its :id');
  });
});

describe('queryString', () => {
  it('keeps the order, leaves undefined out, joins lists with commas and encodes values', () => {
    expect(queryString({ mine: 1, status: ['active', 'acknowledged'], q: 'a b&c', none: undefined })).toBe(
      '?mine=1&status=active,acknowledged&q=a%20b%26c',
    );
    expect(queryString({})).toBe('');
    expect(queryString()).toBe('');
  });
});
