import { useCallback, useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { Ticket } from '@jiefang/contracts';
import { LargeTextToggle } from '../../../components/LargeTextToggle';
import { PageShell } from '../../../components/PageShell';
import { useSession } from '../../../components/useSession';
import { SubscribeTip } from '../../../features/notifications/SubscribeTip';
import { StatusBadge } from '../../../features/report/components';
import { categoryIcon } from '../../../features/report/labels';
import { reportsApi } from '../../../features/report/reportServices';
import { REPORT_CREATE_PAGE, detailUrl } from '../../../features/report/routes';
import { t } from '../../../i18n';
import { HOME_PAGE, messageOf } from '../../../services';
import '../report.scss';

type Outcome = 'created' | 'joined' | 'replayed';
const outcomeOf = (value: string | undefined): Outcome =>
  value === 'joined' || value === 'replayed' ? value : 'created';

/**
 * 上报成功: the reference number (the ticket's id, to quote on the phone or copy), whether the report made a
 * new ticket or joined one nearby, what happens next, and the way to follow it. It reads the ticket by id,
 * so a reload shows the same page.
 */
export default function ReportResultPage() {
  const user = useSession();
  const { params } = useRouter();
  const id = decodeURIComponent(params.id ?? '');
  const outcome = outcomeOf(params.outcome);
  const [ticket, setTicket] = useState<
    { status: 'loading' } | { status: 'ready'; value: Ticket } | { status: 'error'; message: string }
  >({ status: 'loading' });

  const load = useCallback(async () => {
    setTicket({ status: 'loading' });
    try {
      setTicket({ status: 'ready', value: await reportsApi.get(id) });
    } catch (error) {
      setTicket({ status: 'error', message: messageOf(error) });
    }
  }, [id]);

  useEffect(() => {
    if (user && id) void load();
  }, [user, id, load]);

  if (!user) return <PageShell>{null}</PageShell>;

  const copy = () =>
    void Taro.setClipboardData({ data: id })
      .then(() => Taro.showToast({ title: t('report.done.copied'), icon: 'none' }))
      .catch(() => undefined);

  const title =
    outcome === 'joined'
      ? t('report.done.joinedTitle')
      : outcome === 'replayed'
        ? t('report.done.replayedTitle')
        : t('report.done.title');
  const value = ticket.status === 'ready' ? ticket.value : null;

  return (
    <PageShell>
      <View className="jf-topbar jf-topbar--page">
        <Text className="jf-title">{t('report.create.title')}</Text>
        <LargeTextToggle />
      </View>
      <View className="jf-card jf-result" data-testid="report-result" data-outcome={outcome}>
        <View className="jf-result__icon">
          <View className="jf-result__check" />
        </View>
        <Text className="jf-result__title" data-testid="report-result-title">
          {title}
        </Text>

        <View className="jf-reference">
          <Text className="jf-muted">{t('report.done.reference')}</Text>
          <Text className="jf-reference__number" data-testid="report-reference" selectable userSelect>
            {id}
          </Text>
          <Text className="jf-link" data-testid="report-reference-copy" onClick={copy}>
            {t('report.done.copy')}
          </Text>
        </View>

        {ticket.status === 'loading' && <Text className="jf-muted">{t('report.done.loading')}</Text>}
        {ticket.status === 'error' && (
          <View className="jf-inline-error">
            <Text>{t('report.done.loadFailed', { message: ticket.message })}</Text>
            <Text className="jf-link" onClick={() => void load()}>
              {t('report.retry')}
            </Text>
          </View>
        )}
        {value && (
          <View className="jf-result__ticket">
            <Text className="jf-result__category">{`${categoryIcon(value.category)} ${value.categoryName}`}</Text>
            <StatusBadge status={value.status} />
          </View>
        )}
        <Text className="jf-result__hint" data-testid="report-result-kind">
          {outcome === 'joined'
            ? t('report.done.joined', { n: value?.reporterCount ?? 2 })
            : outcome === 'created'
              ? t('report.done.new')
              : ''}
        </Text>
        {value && outcome !== 'joined' && (
          <Text className="jf-muted">
            {value.streetName
              ? t('report.done.routed', { street: value.streetName })
              : t('report.done.queued')}
          </Text>
        )}

        <View className="jf-next">
          <Text className="jf-next__title">{t('report.done.next')}</Text>
          <Text className="jf-next__text">{t('report.done.promise')}</Text>
        </View>

        <SubscribeTip ask="report" />
        <Button
          className="jf-result__button"
          data-testid="report-result-view"
          type="primary"
          size="xlarge"
          block
          onClick={() => void Taro.redirectTo({ url: detailUrl(id) })}
        >
          {t('report.done.follow')}
        </Button>
        <Button
          className="jf-result__button"
          data-testid="report-result-home"
          size="xlarge"
          block
          fill="outline"
          onClick={() => void Taro.reLaunch({ url: HOME_PAGE })}
        >
          {t('report.done.home')}
        </Button>
        <Text
          className="jf-link jf-center jf-block"
          data-testid="report-result-again"
          onClick={() => void Taro.redirectTo({ url: REPORT_CREATE_PAGE })}
        >
          {t('report.done.again')}
        </Text>
      </View>
    </PageShell>
  );
}
