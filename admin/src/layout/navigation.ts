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
}

export function canSee(page: { roles?: readonly Role[] }, userRoles: readonly Role[]): boolean {
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
