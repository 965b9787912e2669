import { apiRoutes } from '@jiefang/contracts';
import { describe, expect, it } from 'vitest';
import { bffRoute, withQuery } from './routes';

describe('bffRoute', () => {
  it('takes the route from the contracts and fills its parameters, encoded', () => {
    const review = bffRoute('POST', '/api/volunteers/:id/hours/:escortId/review');
    expect(review.descriptor).toBe(
      apiRoutes.find((route) => route.path === '/api/volunteers/:id/hours/:escortId/review'),
    );
    expect(review.at({ id: 'V 1', escortId: 'E/2' })).toEqual({
      method: 'POST',
      url: '/api/volunteers/V%201/hours/E%2F2/review',
    });
  });

  it('fails at once for a route the contracts do not describe', () => {
    expect(() => bffRoute('DELETE', '/api/tickets/:id')).toThrow(/no DELETE \/api\/tickets\/:id/);
    expect(() => bffRoute('GET', '/api/nowhere')).toThrow(/apiRoutes has no GET \/api\/nowhere/);
  });

  it('adds a query only when there is one', () => {
    const tickets = bffRoute('GET', '/api/tickets');
    expect(withQuery(tickets.at(), new URLSearchParams({ limit: '200' })).url).toBe('/api/tickets?limit=200');
    expect(withQuery(tickets.at(), '').url).toBe('/api/tickets');
  });
});
