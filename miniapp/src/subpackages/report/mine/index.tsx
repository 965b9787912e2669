import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { Ticket } from '@jiefang/contracts';
import { DetailLayout } from '../../../components/DetailLayout';
import { LargeTextToggle } from '../../../components/LargeTextToggle';
import { PageShell } from '../../../components/PageShell';
import { useLoadable } from '../../../components/useLoadable';
import { useSession } from '../../../components/useSession';
import { StatusBadge } from '../../../features/report/components';
import { categoryIcon, formatTime } from '../../../features/report/labels';
import { reportDrafts, reportsApi } from '../../../features/report/reportServices';
import { REPORT_CREATE_PAGE, detailUrl } from '../../../features/report/routes';
import { t } from '../../../i18n';
import { useLiveRefresh } from '../../../live/useLiveRefresh';
import { messageOf } from '../../../services';
import '../report.scss';

const pageSize = 20;

interface List {
  items: Ticket[];
  total: number;
  loadingMore: boolean;
  moreError?: string;
}

function TicketRow({ ticket, now }: { ticket: Ticket; now: number }) {
  const thumb = ticket.photos[0];
  return (
    <View
      className="jf-card jf-ticket"
      data-testid={`my-report-${ticket.id}`}
      data-status={ticket.status}
      ariaRole="link"
      onClick={() => void Taro.navigateTo({ url: detailUrl(ticket.id) })}
    >
      {thumb && (
        <Image className="jf-ticket__thumb" src={reportsApi.photoUrl(thumb.thumbnailUrl)} mode="aspectFill" />
      )}
      <View className="jf-ticket__body">
        <View className="jf-ticket__head">
          <Text className="jf-ticket__category">{`${categoryIcon(ticket.category)} ${ticket.categoryName}`}</Text>
          <StatusBadge status={ticket.status} />
        </View>
        <Text className="jf-ticket__desc">{ticket.description || t('report.mine.noDescription')}</Text>
        {ticket.address && <Text className="jf-ticket__meta">{ticket.address}</Text>}
        <View className="jf-ticket__foot">
          <Text className="jf-ticket__meta">{formatTime(ticket.reportedAt, now)}</Text>
          {ticket.reporterCount > 1 && (
            <Text className="jf-ticket__meta">{t('report.reporters', { n: ticket.reporterCount })}</Text>
          )}
        </View>
      </View>
    </View>
  );
}

export default function MyReportsPage() {
  const user = useSession();
  const [hasDraft, setHasDraft] = useState(false);
  const list = useLoadable(
    async (): Promise<List> => {
      const page = await reportsApi.mine({ offset: 0, limit: pageSize });
      return { items: page.items, total: page.total, loadingMore: false };
    },
    [],
    { auto: false, isEmpty: (loaded) => loaded.items.length === 0, refreshFailure: 'show' },
  );
  const shown = list.state.status === 'ready' ? list.state.value : undefined;

  const loadMore = async () => {
    if (!shown || shown.loadingMore || shown.items.length >= shown.total) return;
    list.set({ ...shown, loadingMore: true, moreError: undefined });
    try {
      const page = await reportsApi.mine({ offset: shown.items.length, limit: pageSize });
      const known = new Set(shown.items.map((item) => item.id));
      list.set({
        items: [...shown.items, ...page.items.filter((item) => !known.has(item.id))],
        total: page.total,
        loadingMore: false,
      });
    } catch (error) {
      list.set({ ...shown, loadingMore: false, moreError: messageOf(error) });
    }
  };

  useDidShow(() => {
    if (user) setHasDraft(!!reportDrafts.load(user.user.id));
  });
  // Every time the page shows (first open, back from a detail) and whenever one of the tickets changes.
  useLiveRefresh(() => (user ? list.load() : Promise.resolve()), ['ticket']);

  usePullDownRefresh(() => {
    void list.refresh().finally(() => void Taro.stopPullDownRefresh());
  });

  useReachBottom(() => void loadMore());

  if (!user) return <PageShell>{null}</PageShell>;

  return (
    <DetailLayout
      state={list.state}
      onRetry={() => void list.reload()}
      testId="my-reports"
      loadingText={t('report.mine.loading')}
      header={
        <View className="jf-topbar jf-topbar--page">
          <View className="jf-brand">
            <Text className="jf-title">{t('report.mine.title')}</Text>
            {shown && shown.total > 0 && (
              <Text className="jf-muted" data-testid="my-reports-total">
                {t('report.mine.total', { n: shown.total })}
              </Text>
            )}
          </View>
          <LargeTextToggle />
        </View>
      }
      notice={
        hasDraft && (
          <View
            className="jf-card jf-draft jf-draft--link"
            data-testid="my-reports-draft"
            onClick={() => void Taro.navigateTo({ url: REPORT_CREATE_PAGE })}
          >
            <Text className="jf-draft__text">{t('report.draft.notice')}</Text>
            <Text className="jf-entry-arrow">›</Text>
          </View>
        )
      }
      empty={{
        icon: '📷',
        text: t('report.mine.empty'),
        action: (
          <Button
            data-testid="my-reports-create"
            type="primary"
            size="xlarge"
            block
            onClick={() => void Taro.navigateTo({ url: REPORT_CREATE_PAGE })}
          >
            {t('report.mine.create')}
          </Button>
        ),
      }}
    >
      {(loaded, now) => (
        <View data-testid="my-reports">
          {loaded.items.map((ticket) => (
            <TicketRow key={ticket.id} ticket={ticket} now={now} />
          ))}
          {loaded.items.length < loaded.total ? (
            <Text
              className="jf-link jf-center jf-block"
              data-testid="my-reports-more"
              onClick={() => void loadMore()}
            >
              {loaded.loadingMore ? t('report.mine.loading') : (loaded.moreError ?? t('report.mine.more'))}
            </Text>
          ) : (
            <Text className="jf-muted jf-center jf-block">{t('report.mine.end')}</Text>
          )}
        </View>
      )}
    </DetailLayout>
  );
}
