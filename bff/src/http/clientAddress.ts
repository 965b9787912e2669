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
  const match = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(entry.trim());
  const address = match?.[1] ?? '';
  const version = isIP(address);
  if (!version) return null;
  const maxPrefix = version === 4 ? 32 : 128;
  const prefix = match?.[2] === undefined ? maxPrefix : Number(match[2]);
  if (prefix > maxPrefix) return null;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy, then the right-most
 * X-Forwarded-For entry that is not one. From anyone else the header is ignored, so rotating it cannot
 * escape per-address limits.
 */
export function clientResolver(
  trustedProxies: readonly string[],
): (peer: string, forwardedFor: string) => string {
  const trusted = new BlockList();
  for (const entry of trustedProxies) {
    const rule = addressRule(entry);
    if (rule) trusted.addSubnet(rule.address, rule.prefix, rule.family);
  }
  const isTrusted = (address: string) => {
    const version = isIP(address);
    return version !== 0 && trusted.check(address, version === 4 ? 'ipv4' : 'ipv6');
  };
  return (peer, forwardedFor) => {
    let client = plain(peer);
    if (!trustedProxies.length || !isTrusted(client)) return client;
    const hops = forwardedFor
      .split(',')
      .map((hop) => plain(hop.trim()))
      .filter((hop) => isIP(hop) !== 0);
    while (hops.length && isTrusted(client)) client = hops.pop() as string;
    return client;
  };
}

/** Sets ctx.ip (see clientResolver), which the rate limits key on. */
export function clientAddress(trustedProxies: readonly string[]): Middleware<AppState> {
  const clientOf = clientResolver(trustedProxies);
  return async (ctx, next) => {
    ctx.request.ip = clientOf(ctx.req.socket.remoteAddress ?? '', ctx.get('X-Forwarded-For'));
    await next();
  };
}
