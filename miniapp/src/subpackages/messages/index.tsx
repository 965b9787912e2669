import { useRef, useState } from 'react';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { notificationPageLimit, type NotificationItem } from '@jiefang/contracts';
import { ApiError } from '../../api/client';
import { DetailLayout } from '../../components/DetailLayout';
import { LargeTextToggle } from '../../components/LargeTextToggle';
import { PageShell } from '../../components/PageShell';
import { useLoadable } from '../../components/useLoadable';
import { useSession } from '../../components/useSession';
import {
  appendInboxPage,
  markedRead,
  unreadIn,
  type InboxList,
} from '../../features/notifications/inboxList';
import { notificationsApi } from '../../features/notifications/notificationServices';
import { subjectUrl } from '../../features/notifications/routes';
import { formatTime } from '../../features/report/labels';
import { t } from '../../i18n';
import { useLiveRefresh } from '../../live/useLiveRefresh';
import { messageOf } from '../../services';
import './messages.scss';

function MessageRow({
  item,
  now,
  onOpen,
}: {
  item: NotificationItem;
  now: number;
  onOpen: (item: NotificationItem) => void;
}) {
  const unread = item.readAt === null;
  return (
    <View
      className={unread ? 'jf-message jf-message--unread' : 'jf-message'}
      data-testid={`message-${item.id}`}
      data-read={unread ? 'false' : 'true'}
      ariaRole="link"
      onClick={() => onOpen(item)}
    >
      <View className="jf-message__head">
        {unread && <View className="jf-message__dot" ariaLabel={t('messages.unreadDot')} />}
        <Text className="jf-message__title">{item.title}</Text>
        <Text className="jf-message__time">{formatTime(item.createdAt, now)}</Text>
      </View>
      {item.body && <Text className="jf-message__body">{item.body}</Text>}
      {item.status === 'refused' && <Text className="jf-message__note">{t('messages.status.refused')}</Text>}
    </View>
  );
}

export default function MessagesPage() {
  const user = useSession();
  const [markingAll, setMarkingAll] = useState(false);
  // A refresh reloads as many as were shown (up to a page's maximum), so the list does not jump back.
  const shownCount = useRef(0);
  const list = useLoadable(
    async (): Promise<InboxList> => {
      const limit = Math.min(
        notificationPageLimit.max,
        Math.max(notificationPageLimit.default, shownCount.current),
      );
      const page = await notificationsApi.list({ limit });
      shownCount.current = page.items.length;
      return { items: page.items, nextBefore: page.nextBefore, loadingMore: false };
    },
    [],
    { enabled: !!user, auto: false, isEmpty: (loaded) => loaded.items.length === 0 },
  );
  const shown = list.state.status === 'ready' ? list.state.value : undefined;

  // Loads when the page shows and keeps it current while visible.
  const live = useLiveRefresh(() => list.load(), ['notification']);

  usePullDownRefresh(() => {
    void live.refresh().finally(() => void Taro.stopPullDownRefresh());
  });

  const loadMore = async () => {
    if (!shown || shown.loadingMore || !shown.nextBefore) return;
    list.set({ ...shown, loadingMore: true, moreError: undefined });
    try {
      const page = await notificationsApi.list({ before: shown.nextBefore });
      const items = appendInboxPage(shown.items, page.items);
      shownCount.current = items.length;
      list.set({ items, nextBefore: page.nextBefore, loadingMore: false });
    } catch (error) {
      list.set({ ...shown, loadingMore: false, moreError: messageOf(error) });
    }
  };

  useReachBottom(() => void loadMore());

  /** Shows it read at once; the BFF is told in the background (a failure shows it unread again later). */
  const open = (item: NotificationItem) => {
    if (shown && item.readAt === null) {
      list.set({ ...shown, items: markedRead(shown.items, [item.id], new Date().toISOString()) });
      void notificationsApi.markRead({ ids: [item.id] }).catch(() => undefined);
    }
    const url = subjectUrl(item);
    if (url) void Taro.navigateTo({ url });
    else void Taro.showToast({ title: t('messages.noPage'), icon: 'none' });
  };

  const markAll = async () => {
    if (!shown || markingAll) return;
    setMarkingAll(true);
    try {
      await notificationsApi.markRead({ all: true });
      list.set({ ...shown, items: markedRead(shown.items, 'all', new Date().toISOString()) });
      void Taro.showToast({ title: t('messages.allRead.done'), icon: 'success' });
    } catch (error) {
      if (!(error instanceof ApiError && error.isAuthFailure)) {
        void Taro.showToast({
          title: t('messages.allRead.failed', { message: messageOf(error) }),
          icon: 'none',
        });
      }
    } finally {
      setMarkingAll(false);
    }
  };

  if (!user) return <PageShell>{null}</PageShell>;

  const unread = shown ? unreadIn(shown.items) : 0;

  return (
    <DetailLayout
      state={list.state}
      onRetry={() => void list.reload()}
      testId="messages"
      loadingText={t('messages.loading')}
      header={
        <View className="jf-topbar jf-messages__topbar">
          <View className="jf-brand">
            <Text className="jf-messages__title">{t('messages.title')}</Text>
            {unread > 0 && (
              <Text className="jf-messages__count" data-testid="messages-unread">
                {t('messages.unread', { n: unread })}
              </Text>
            )}
          </View>
          <LargeTextToggle />
        </View>
      }
      notice={
        unread > 0 && (
          <View className="jf-messages__bar">
            <Text
              className={markingAll ? 'jf-link jf-link--busy' : 'jf-link'}
              data-testid="messages-all-read"
              onClick={() => void markAll()}
            >
              {t('messages.allRead')}
            </Text>
          </View>
        )
      }
      empty={{
        icon: '📭',
        text: t('messages.empty'),
        action: <Text className="jf-muted">{t('messages.emptyHint')}</Text>,
      }}
    >
      {(loaded, now) => (
        <View className="jf-card jf-messages" data-testid="messages">
          {loaded.items.map((item) => (
            <MessageRow key={item.id} item={item} now={now} onOpen={open} />
          ))}
          {loaded.nextBefore ? (
            <Text
              className="jf-link jf-messages__foot"
              data-testid="messages-more"
              onClick={() => void loadMore()}
            >
              {loaded.loadingMore ? t('messages.loading') : (loaded.moreError ?? t('messages.more'))}
            </Text>
          ) : (
            <Text className="jf-muted jf-messages__foot">{t('messages.end')}</Text>
          )}
        </View>
      )}
    </DetailLayout>
  );
}
