import { badRequest } from '../../../http/httpError';
import type { InboxCursor } from '../notificationOutbox';

const separator = '|';

/** The `nextBefore` of a page: its last entry's creation time and id (ids never start a cursor). */
export function encodeInboxCursor(cursor: InboxCursor): string {
  return `${cursor.createdAt.toISOString()}${separator}${cursor.id}`;
}

/** The cursor a client sent back; 400 for anything this BFF did not make. */
export function decodeInboxCursor(text: string): InboxCursor {
  const at = text.indexOf(separator);
  const createdAt = new Date(at > 0 ? text.slice(0, at) : Number.NaN);
  const id = at > 0 ? text.slice(at + 1) : '';
  if (Number.isNaN(createdAt.getTime()) || !id) {
    throw badRequest([{ path: 'before', message: '分页位置无效，请从第一页重新加载' }]);
  }
  return { createdAt, id };
}
