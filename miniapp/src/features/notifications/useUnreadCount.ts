import { useCallback, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { notificationsApi } from './notificationServices';

/**
 * The unread count for a badge, read each time the page shows (back from 消息, back in the
 * foreground); a failure keeps the last count (the badge is a hint, the inbox the record).
 */
export function useUnreadCount(enabled: boolean): { unread: number; refresh: () => Promise<void> } {
  const [unread, setUnread] = useState(0);
  const refresh = useCallback(async () => {
    if (!enabled) return;
    try {
      setUnread(await notificationsApi.unreadCount());
    } catch {
      // Kept as it was.
    }
  }, [enabled]);
  useDidShow(() => void refresh());
  return { unread, refresh };
}
