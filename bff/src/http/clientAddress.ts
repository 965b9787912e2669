import { BlockList, isIP } from 'node:net';
import type { Middleware } from 'koa';
import type { AppState } from './appState';

/** `::ffff:1.2.3.4`, how a dual-stack socket shows an IPv4 peer, as `1.2.3.4`. */
const plain = (address: string) =>
  address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;

/** Parses `10.0.0.1` or `10.0.0.0/8` (IPv4 or IPv6); null when it is neither. */
export function addressRule(
  entry: string,
): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | null {
  const [address = '', prefixText] = entry.split('/');
  const version = isIP(address);
  if (!version) return null;
  const maxPrefix = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > maxPrefix || (prefixText ?? '0').trim() === '')
    return null;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/**
 * Sets ctx.ip to the client's address: the socket's peer, unless that peer is one of the trusted proxies,
 * then the right-most X-Forwarded-For entry that is not a trusted proxy. From anyone else the header is
 * ignored, so rotating it cannot escape per-address limits.
 */
export function clientAddress(trustedProxies: readonly string[]): Middleware<AppState> {
  const trusted = new BlockList();
  for (const entry of trustedProxies) {
    const rule = addressRule(entry);
    if (rule) trusted.addSubnet(rule.address, rule.prefix, rule.family);
  }
  const isTrusted = (address: string) => {
    const version = isIP(address);
    return version !== 0 && trusted.check(address, version === 4 ? 'ipv4' : 'ipv6');
  };

  return async (ctx, next) => {
    let client = plain(ctx.req.socket.remoteAddress ?? '');
    if (trustedProxies.length && isTrusted(client)) {
      const forwarded = ctx
        .get('X-Forwarded-For')
        .split(',')
        .map((hop) => plain(hop.trim()))
        .filter((hop) => isIP(hop) !== 0);
      while (forwarded.length && isTrusted(client)) client = forwarded.pop() as string;
    }
    ctx.request.ip = client;
    await next();
  };
}
