import { unreadCountCap } from '@jiefang/contracts';

/** The unread badge's text: nothing at zero, the count up to 99, then 99+ (the BFF stops counting at 100). */
export function badgeText(unread: number): string {
  if (!Number.isFinite(unread) || unread <= 0) return '';
  if (unread >= Math.min(100, unreadCountCap)) return '99+';
  return String(Math.floor(unread));
}
