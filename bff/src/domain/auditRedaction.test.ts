import { auditRedacted } from '@jiefang/contracts';
import { auditChangeLimits, auditChangeOf } from './auditRedaction';

describe('what an audit entry keeps of a request', () => {
  it('replaces passwords, secrets, tokens, keys and photos, at any depth', () => {
    expect(
      auditChangeOf({
        username: 'chigang-officer9',
        password: 'a-long-password',
        roles: ['officer'],
        device: { secret: 's3cr3t', mqttUrl: 'mqtt://x', apiKey: 'k' },
        refreshToken: 't',
        afterPhotoIds: ['p1'],
        photos: [{ id: 'p2' }],
        note: '已处理',
      }),
    ).toEqual({
      username: 'chigang-officer9',
      password: auditRedacted,
      roles: ['officer'],
      device: { secret: auditRedacted, mqttUrl: 'mqtt://x', apiKey: auditRedacted },
      refreshToken: auditRedacted,
      afterPhotoIds: auditRedacted,
      photos: auditRedacted,
      note: '已处理',
    });
  });

  it('keeps what an auditor reads: ids, flags, reasons, numbers', () => {
    const change = { officerId: 'u-1', disabled: true, reason: '超时', count: 3, street: null };
    expect(auditChangeOf(change)).toEqual(change);
  });

  it('cuts long text, long lists and deep nesting, and has nothing for an empty or scalar body', () => {
    const change = auditChangeOf({
      text: 'x'.repeat(auditChangeLimits.maxText + 10),
      list: Array.from({ length: auditChangeLimits.maxItems + 5 }, (_, index) => index),
      deep: { a: { b: { c: { d: 'gone' } } } },
    });
    expect(change?.text).toHaveLength(auditChangeLimits.maxText + 1);
    expect(change?.list).toHaveLength(auditChangeLimits.maxItems + 1);
    expect(change?.deep).toEqual({ a: { b: { c: '…' } } });
    expect(auditChangeOf({})).toBeNull();
    expect(auditChangeOf(undefined)).toBeNull();
    expect(auditChangeOf('text')).toBeNull();
  });
});
