import { liveChangeSchema, meChangesQuerySchema, meChangesSchema } from './live';

describe('live change contracts', () => {
  it('reads the poll cursor as a whole number and refuses anything else', () => {
    expect(meChangesQuerySchema.parse({})).toEqual({});
    expect(meChangesQuerySchema.parse({ since: '42' })).toEqual({ since: 42 });
    for (const since of ['-1', '1.5', 'abc', '', '1234567890123456'])
      expect(meChangesQuerySchema.safeParse({ since }).success).toBe(false);
  });

  it('carries only the kind and the id of a change', () => {
    expect(liveChangeSchema.parse({ topic: 'escort', id: 'e1', extra: 'dropped' })).toEqual({
      topic: 'escort',
      id: 'e1',
    });
    expect(liveChangeSchema.safeParse({ topic: 'user', id: 'u1' }).success).toBe(false);
    expect(meChangesSchema.safeParse({ cursor: 3, changes: [], reset: false }).success).toBe(true);
  });
});
