import { type Role } from '@jiefang/contracts';
import { type MessageKey } from '../i18n';

/** A page of the panel: one route and, unless `hidden`, one side-menu entry. */
export interface PageDefinition<TNode> {
  /** Path inside the router (the router adds its own base). */
  path: string;
  labelKey: MessageKey;
  icon: TNode;
  element: TNode;
  /** Only people with one of these roles see the page; everyone signed in when absent. */
  roles?: readonly Role[];
  /** What it shows carries no street, so the BFF serves it to the district's staff only, not a street's administrator. */
  districtOnly?: true;
}

export function canSee(
  page: { roles?: readonly Role[]; districtOnly?: true },
  userRoles: readonly Role[],
  /** The person is a street's administrator (statistics/scope.ts `isStreetAdmin`). */
  streetAdmin = false,
): boolean {
  if (page.districtOnly && streetAdmin) return false;
  return !page.roles || page.roles.some((role) => userRoles.includes(role));
}

/** The menu entry whose page owns `pathname`: the longest matching path prefix. */
export function selectedPath(paths: readonly string[], pathname: string): string | undefined {
  let best: string | undefined;
  for (const path of paths) {
    const matches =
      path === '/'
        ? pathname === '/'
        : pathname === path || pathname.startsWith(`${path.replace(/\/$/, '')}/`);
    if (matches && (!best || path.length > best.length)) best = path;
  }
  return best;
}
