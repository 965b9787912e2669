import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { Escort } from '@jiefang/contracts';
import { DetailLayout } from '../../../components/DetailLayout';
import { PageShell } from '../../../components/PageShell';
import { useLoadable } from '../../../components/useLoadable';
import { useSession } from '../../../components/useSession';
import { EscortBadge } from '../../../features/escort/components';
import { escortsApi } from '../../../features/escort/escortServices';
import { appendUnique, shapeMyBookings } from '../../../features/escort/escorts';
import { serviceTitle } from '../../../features/escort/labels';
import { ESCORT_BOOK_PAGE, escortDetailUrl } from '../../../features/escort/routes';
import { formatWindow } from '../../../features/escort/time';
import { t } from '../../../i18n';
import { messageOf } from '../../../services';
import '../escort.scss';

const pageSize = 50;

interface List {
  items: Escort[];
  total: number;
  loadingMore: boolean;
  moreError?: string;
}

function BookingRow({ escort, now }: { escort: Escort; now: number }) {
  return (
    <View
      className={`jf-card jf-es-item jf-es-item--${escort.status}`}
      data-testid={`my-escort-${escort.id}`}
      data-status={escort.status}
      ariaRole="link"
      onClick={() => void Taro.navigateTo({ url: escortDetailUrl(escort.id) })}
    >
      <View className="jf-es-item__head">
        <Text className="jf-es-item__title">{serviceTitle(escort)}</Text>
        <EscortBadge status={escort.status} />
      </View>
      <Text className="jf-es-item__time">{formatWindow(escort.windowStart, escort.windowEnd, now)}</Text>
      <Text className="jf-es-item__meta">{t('escort.mine.forElder', { name: escort.elderName })}</Text>
      {escort.hospital && <Text className="jf-es-item__meta">{escort.hospital}</Text>}
      {escort.volunteer && (
        <Text className="jf-es-item__meta" data-testid={`my-escort-volunteer-${escort.id}`}>
          {t('escort.mine.volunteer', { name: escort.volunteer.name })}
        </Text>
      )}
      {escort.sos.length > 0 && escort.status === 'in_progress' && (
        <Text className="jf-es-item__alert">{t('escort.mine.sosSent')}</Text>
      )}
    </View>
  );
}

export default function MyEscortsPage() {
  const user = useSession();
  const list = useLoadable(
    async (): Promise<List> => {
      const page = await escortsApi.mine({ offset: 0, limit: pageSize });
      return { items: page.items, total: page.total, loadingMore: false };
    },
    [],
    { auto: false, isEmpty: (loaded) => loaded.items.length === 0, refreshFailure: 'show' },
  );

  const loadMore = async () => {
    if (list.state.status !== 'ready') return;
    const shown = list.state.value;
    if (shown.loadingMore || shown.items.length >= shown.total) return;
    list.set({ ...shown, loadingMore: true, moreError: undefined });
    try {
      const page = await escortsApi.mine({ offset: shown.items.length, limit: pageSize });
      list.set({ items: appendUnique(shown.items, page.items), total: page.total, loadingMore: false });
    } catch (error) {
      list.set({ ...shown, loadingMore: false, moreError: messageOf(error) });
    }
  };

  // Every time the page shows: first open, and back from a booking or a detail where something changed.
  useDidShow(() => {
    if (user) void list.load();
  });

  usePullDownRefresh(() => {
    void list.refresh().finally(() => void Taro.stopPullDownRefresh());
  });

  useReachBottom(() => void loadMore());

  if (!user) return <PageShell alwaysLarge>{null}</PageShell>;

  const book = () => void Taro.navigateTo({ url: ESCORT_BOOK_PAGE });

  return (
    <DetailLayout
      alwaysLarge
      state={list.state}
      onRetry={() => void list.reload()}
      testId="my-escorts"
      loadingText={t('escort.loading')}
      header={
        <View className="jf-page-head">
          <Text className="jf-title">{t('escort.mine.title')}</Text>
          <Text className="jf-link" data-testid="my-escorts-book" onClick={book}>
            {t('escort.mine.book')}
          </Text>
        </View>
      }
      empty={{
        icon: '🤝',
        text: t('escort.mine.empty'),
        action: (
          <Button data-testid="my-escorts-empty-book" type="primary" size="xlarge" block onClick={book}>
            {t('escort.mine.book')}
          </Button>
        ),
      }}
    >
      {(loaded, now) => {
        const shaped = shapeMyBookings(loaded.items);
        return (
          <View data-testid="my-escorts">
            {shaped.current.length > 0 && (
              <>
                <Text className="jf-section-title">
                  {t('escort.mine.current', { n: shaped.current.length })}
                </Text>
                {shaped.current.map((escort) => (
                  <BookingRow key={escort.id} escort={escort} now={now} />
                ))}
              </>
            )}
            {shaped.past.length > 0 && (
              <>
                <Text className="jf-section-title">{t('escort.mine.past')}</Text>
                {shaped.past.map((escort) => (
                  <BookingRow key={escort.id} escort={escort} now={now} />
                ))}
              </>
            )}
            {loaded.items.length < loaded.total ? (
              <Text
                className="jf-link jf-center"
                data-testid="my-escorts-more"
                onClick={() => void loadMore()}
              >
                {loaded.loadingMore ? t('escort.loading') : (loaded.moreError ?? t('escort.more'))}
              </Text>
            ) : (
              <Text className="jf-muted jf-center">{t('escort.end')}</Text>
            )}
          </View>
        );
      }}
    </DetailLayout>
  );
}
