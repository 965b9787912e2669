import type { NotificationItem } from '@jiefang/contracts';

/** What the 消息 page has loaded: the items so far and where the next page starts. */
export interface InboxList {
  items: NotificationItem[];
  nextBefore: string | null;
  loadingMore: boolean;
  moreError?: string;
}

/** Appends a page, dropping items already shown (a refresh may have moved the window). */
export function appendInboxPage(shown: NotificationItem[], page: NotificationItem[]): NotificationItem[] {
  const known = new Set(shown.map((item) => item.id));
  return [...shown, ...page.filter((item) => !known.has(item.id))];
}

/** The items with these ids (or all, for 全部已读) shown read at `at`, before the BFF has answered. */
export function markedRead(
  items: NotificationItem[],
  which: readonly string[] | 'all',
  at: string,
): NotificationItem[] {
  const ids = which === 'all' ? undefined : new Set(which);
  return items.map((item) =>
    item.readAt === null && (!ids || ids.has(item.id)) ? { ...item, readAt: at } : item,
  );
}

export const unreadIn = (items: readonly NotificationItem[]): number =>
  items.filter((item) => item.readAt === null).length;
