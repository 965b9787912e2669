/**
 * The public board's own address, `/admin/public`: the BFF answers it with index.html (its fallback for
 * paths under /admin/), but the router reads only the hash, so that address would otherwise land on the
 * sign-in page. Returns the hash to switch to, or null when the address is anything else.
 */
export function publicBoardHash(pathname: string, hash: string, base: string): string | null {
  const path = pathname.replace(/\/+$/, '');
  const board = `${base.replace(/\/+$/, '')}/public`;
  const noRoute = hash === '' || hash === '#' || hash === '#/';
  return path === board && noRoute ? '#/public' : null;
}
