import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { Escort } from '@jiefang/contracts';
import { ApiError } from '../../../api/client';
import { PageShell } from '../../../components/PageShell';
import { useSession } from '../../../components/useSession';
import { EmptyBox, ErrorBox, EscortBadge, LoadingBox } from '../../../features/escort/components';
import { escortsApi } from '../../../features/escort/escortServices';
import { appendUnique, shapeMyBookings } from '../../../features/escort/escorts';
import { serviceTitle } from '../../../features/escort/labels';
import { ESCORT_BOOK_PAGE, escortDetailUrl } from '../../../features/escort/routes';
import { formatWindow } from '../../../features/escort/time';
import { t } from '../../../i18n';
import { messageOf } from '../../../services';
import '../escort.scss';

const pageSize = 50;

type List =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; items: Escort[]; total: number; loadingMore: boolean; moreError?: string };

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
  const [list, setList] = useState<List>({ status: 'loading' });
  const [now, setNow] = useState(() => Date.now());

  const load = useCallback(async (quiet = false) => {
    if (!quiet) setList({ status: 'loading' });
    try {
      const page = await escortsApi.mine({ offset: 0, limit: pageSize });
      setNow(Date.now());
      setList({ status: 'ready', items: page.items, total: page.total, loadingMore: false });
    } catch (error) {
      if (error instanceof ApiError && error.isAuthFailure) return;
      setList({ status: 'error', message: messageOf(error) });
    }
  }, []);

  const loadMore = useCallback(async () => {
    if (list.status !== 'ready' || list.loadingMore || list.items.length >= list.total) return;
    setList({ ...list, loadingMore: true, moreError: undefined });
    try {
      const page = await escortsApi.mine({ offset: list.items.length, limit: pageSize });
      setList({
        status: 'ready',
        items: appendUnique(list.items, page.items),
        total: page.total,
        loadingMore: false,
      });
    } catch (error) {
      setList({ ...list, loadingMore: false, moreError: messageOf(error) });
    }
  }, [list]);

  // Every time the page shows: first open, and back from a booking or a detail where something changed.
  useDidShow(() => {
    if (user) void load(list.status === 'ready');
  });

  usePullDownRefresh(() => {
    void load(true).finally(() => void Taro.stopPullDownRefresh());
  });

  useReachBottom(() => void loadMore());

  if (!user) return <PageShell alwaysLarge>{null}</PageShell>;

  const shaped = list.status === 'ready' ? shapeMyBookings(list.items) : undefined;
  const book = () => void Taro.navigateTo({ url: ESCORT_BOOK_PAGE });

  return (
    <PageShell alwaysLarge>
      <View className="jf-es-topbar">
        <Text className="jf-title">{t('escort.mine.title')}</Text>
        <Text className="jf-link" data-testid="my-escorts-book" onClick={book}>
          {t('escort.mine.book')}
        </Text>
      </View>

      {list.status === 'loading' && <LoadingBox testId="my-escorts-loading" text={t('escort.loading')} />}
      {list.status === 'error' && (
        <ErrorBox testId="my-escorts-error" message={list.message} onRetry={() => void load()} />
      )}

      {list.status === 'ready' && list.items.length === 0 && (
        <EmptyBox testId="my-escorts-empty" icon="🤝" text={t('escort.mine.empty')}>
          <Button data-testid="my-escorts-empty-book" type="primary" size="xlarge" block onClick={book}>
            {t('escort.mine.book')}
          </Button>
        </EmptyBox>
      )}

      {shaped && list.status === 'ready' && list.items.length > 0 && (
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
          {list.items.length < list.total ? (
            <Text
              className="jf-link jf-es-center"
              data-testid="my-escorts-more"
              onClick={() => void loadMore()}
            >
              {list.loadingMore ? t('escort.loading') : (list.moreError ?? t('escort.more'))}
            </Text>
          ) : (
            <Text className="jf-es-muted jf-es-center">{t('escort.end')}</Text>
          )}
        </View>
      )}
    </PageShell>
  );
}
