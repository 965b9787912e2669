import { addressRule, clientResolver } from './clientAddress';

describe('clientResolver', () => {
  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(clientResolver([])('203.0.113.5', '1.2.3.4')).toBe('203.0.113.5');
    expect(clientResolver(['10.0.0.0/8'])('203.0.113.5', '1.2.3.4')).toBe('203.0.113.5');
  });

  it('takes the right-most address that is not a trusted proxy, through a chain of proxies', () => {
    const clientOf = clientResolver(['10.0.0.0/8', '192.0.2.1']);
    expect(clientOf('10.1.2.3', '198.51.100.7')).toBe('198.51.100.7');
    // The client wrote the first entry itself; the proxies appended the rest.
    expect(clientOf('10.1.2.3', '6.6.6.6, 198.51.100.7, 192.0.2.1')).toBe('198.51.100.7');
    expect(clientOf('::ffff:10.1.2.3', 'garbage, 198.51.100.8')).toBe('198.51.100.8');
    // Only proxies in the header: the last of them is the best we know.
    expect(clientOf('10.1.2.3', '10.9.9.9')).toBe('10.9.9.9');
    expect(clientOf('10.1.2.3', '')).toBe('10.1.2.3');
  });

  it('handles IPv6 proxies and clients', () => {
    const clientOf = clientResolver(['fd00::/8']);
    expect(clientOf('fd00::1', '2001:db8::42')).toBe('2001:db8::42');
    expect(clientOf('2001:db8::1', '2001:db8::42')).toBe('2001:db8::1');
  });
});

describe('addressRule', () => {
  it('reads addresses and CIDR ranges and refuses anything else', () => {
    expect(addressRule('10.0.0.0/8')).toEqual({ address: '10.0.0.0', prefix: 8, family: 'ipv4' });
    expect(addressRule('::1')).toEqual({ address: '::1', prefix: 128, family: 'ipv6' });
    for (const bad of ['10.0.0.0/33', '10.0.0.0/', 'proxy.local', '10.0.0.0/8/1', '']) {
      expect(addressRule(bad)).toBeNull();
    }
  });
});
