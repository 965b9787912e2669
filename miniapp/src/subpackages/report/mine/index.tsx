import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { Button, Loading } from '@nutui/nutui-react-taro';
import type { Ticket } from '@jiefang/contracts';
import { ApiError } from '../../../api/client';
import { LargeTextToggle } from '../../../components/LargeTextToggle';
import { PageShell } from '../../../components/PageShell';
import { useSession } from '../../../components/useSession';
import { StatusBadge } from '../../../features/report/components';
import { categoryIcon, formatTime } from '../../../features/report/labels';
import { reportDrafts, reportsApi } from '../../../features/report/reportServices';
import { REPORT_CREATE_PAGE, detailUrl } from '../../../features/report/routes';
import { t } from '../../../i18n';
import { messageOf } from '../../../services';
import '../report.scss';

const pageSize = 20;

type List =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; items: Ticket[]; total: number; loadingMore: boolean; moreError?: string };

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
  const [list, setList] = useState<List>({ status: 'loading' });
  const [hasDraft, setHasDraft] = useState(false);
  const [now, setNow] = useState(() => Date.now());

  const load = useCallback(async (quiet = false) => {
    if (!quiet) setList({ status: 'loading' });
    try {
      const page = await reportsApi.mine({ offset: 0, limit: pageSize });
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
      const page = await reportsApi.mine({ offset: list.items.length, limit: pageSize });
      const known = new Set(list.items.map((item) => item.id));
      setList({
        status: 'ready',
        items: [...list.items, ...page.items.filter((item) => !known.has(item.id))],
        total: page.total,
        loadingMore: false,
      });
    } catch (error) {
      setList({ ...list, loadingMore: false, moreError: messageOf(error) });
    }
  }, [list]);

  // Every time the page shows (first open, and back from a detail where something may have changed).
  useDidShow(() => {
    if (!user) return;
    setHasDraft(!!reportDrafts.load(user.user.id));
    void load(list.status === 'ready');
  });

  usePullDownRefresh(() => {
    void load(true).finally(() => void Taro.stopPullDownRefresh());
  });

  useReachBottom(() => void loadMore());

  if (!user) return <PageShell>{null}</PageShell>;

  return (
    <PageShell>
      <View className="jf-topbar jf-topbar--page">
        <View className="jf-brand">
          <Text className="jf-title">{t('report.mine.title')}</Text>
          {list.status === 'ready' && list.total > 0 && (
            <Text className="jf-muted" data-testid="my-reports-total">
              {t('report.mine.total', { n: list.total })}
            </Text>
          )}
        </View>
        <LargeTextToggle />
      </View>

      {hasDraft && (
        <View
          className="jf-card jf-draft jf-draft--link"
          data-testid="my-reports-draft"
          onClick={() => void Taro.navigateTo({ url: REPORT_CREATE_PAGE })}
        >
          <Text className="jf-draft__text">{t('report.draft.notice')}</Text>
          <Text className="jf-entry-arrow">›</Text>
        </View>
      )}

      {list.status === 'loading' && (
        <View className="jf-card jf-box" data-testid="my-reports-loading">
          <Loading>{t('report.mine.loading')}</Loading>
        </View>
      )}

      {list.status === 'error' && (
        <View className="jf-card jf-box jf-box--error" data-testid="my-reports-error">
          <Text>{`${t('report.mine.loadFailed')}：${list.message}`}</Text>
          <Text className="jf-link" data-testid="my-reports-retry" onClick={() => void load()}>
            {t('report.mine.retry')}
          </Text>
        </View>
      )}

      {list.status === 'ready' && list.items.length === 0 && (
        <View className="jf-card jf-empty" data-testid="my-reports-empty">
          <Text className="jf-empty__icon">📷</Text>
          <Text className="jf-empty__text">{t('report.mine.empty')}</Text>
          <Button
            data-testid="my-reports-create"
            type="primary"
            size="xlarge"
            block
            onClick={() => void Taro.navigateTo({ url: REPORT_CREATE_PAGE })}
          >
            {t('report.mine.create')}
          </Button>
        </View>
      )}

      {list.status === 'ready' && list.items.length > 0 && (
        <View data-testid="my-reports">
          {list.items.map((ticket) => (
            <TicketRow key={ticket.id} ticket={ticket} now={now} />
          ))}
          {list.items.length < list.total ? (
            <Text
              className="jf-link jf-center jf-block"
              data-testid="my-reports-more"
              onClick={() => void loadMore()}
            >
              {list.loadingMore ? t('report.mine.loading') : (list.moreError ?? t('report.mine.more'))}
            </Text>
          ) : (
            <Text className="jf-muted jf-center jf-block">{t('report.mine.end')}</Text>
          )}
        </View>
      )}
    </PageShell>
  );
}
