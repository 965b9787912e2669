import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { beijingClock, type Ticket } from '@jiefang/contracts';
import { DetailLayout } from '../../../components/DetailLayout';
import { LargeTextToggle } from '../../../components/LargeTextToggle';
import { PageShell } from '../../../components/PageShell';
import { useLoadable } from '../../../components/useLoadable';
import { useSession } from '../../../components/useSession';
import { StatusBadge } from '../../../features/officer/components';
import { dayHistory, type HistoryItem } from '../../../features/officer/history';
import { officerApi, rememberTickets } from '../../../features/officer/officerServices';
import { officerTaskUrl } from '../../../features/officer/routes';
import { categoryIcon } from '../../../features/report/labels';
import { t } from '../../../i18n';
import '../officer.scss';

/** 今日记录: the tickets the officer resolved today, by part of the day, with the day's figures. */
export default function OfficerHistoryPage() {
  const user = useSession();
  const history = useLoadable(
    async () => {
      const items = await officerApi.tickets('today');
      rememberTickets(items);
      return items;
    },
    [],
    { enabled: !!user, isEmpty: (items: Ticket[]) => items.length === 0 },
  );
  usePullDownRefresh(() => {
    void history.refresh().finally(() => void Taro.stopPullDownRefresh());
  });
  if (!user) return <PageShell>{null}</PageShell>;

  return (
    <DetailLayout
      state={history.state}
      onRetry={() => void history.reload()}
      testId="officer-history"
      loadingText={t('officer.history.loading')}
      header={
        <View className="jf-page-head">
          <Text className="jf-title">{t('officer.history.title')}</Text>
          <LargeTextToggle />
        </View>
      }
      empty={{ icon: '📋', text: t('officer.history.empty') }}
    >
      {(items) => <History tickets={items} />}
    </DetailLayout>
  );
}

function History({ tickets }: { tickets: Ticket[] }) {
  const day = dayHistory(tickets);
  return (
    <>
      <View className="jf-card jf-of-stats" data-testid="officer-history-summary">
        <Stat label={t('officer.history.count')} value={String(day.count)} />
        <Stat label={t('officer.history.onTime')} value={`${day.onTime}/${day.count}`} />
        <Stat
          label={t('officer.history.average')}
          value={
            day.averageMinutesToSite === undefined
              ? t('officer.history.none')
              : day.averageMinutesToSite < 1
                ? t('officer.history.underMinute')
                : t('officer.history.minutes', { n: day.averageMinutesToSite })
          }
        />
      </View>
      {day.groups.map((group) => (
        <View key={group.part} data-testid={`officer-history-${group.part}`}>
          <Text className="jf-section-title">{t(`officer.history.part.${group.part}`)}</Text>
          {group.items.map((item) => (
            <HistoryRow key={item.ticket.id} item={item} />
          ))}
        </View>
      ))}
    </>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <View className="jf-of-stat">
      <Text className="jf-of-stat__value">{value}</Text>
      <Text className="jf-of-stat__label">{label}</Text>
    </View>
  );
}

function HistoryRow({ item }: { item: HistoryItem }) {
  const { ticket } = item;
  return (
    <View
      className="jf-card jf-of-history"
      data-testid="officer-history-item"
      onClick={() => void Taro.navigateTo({ url: officerTaskUrl(ticket.id) })}
    >
      <Text className="jf-of-history__time">{beijingClock(item.resolvedAt)}</Text>
      <View className="jf-of-history__body">
        <View className="jf-head-row">
          <Text className="jf-of-head__title">{`${categoryIcon(ticket.category)} ${ticket.categoryName}`}</Text>
          <StatusBadge status={ticket.status} />
        </View>
        <Text className="jf-of-head__address">{ticket.address || ticket.streetName || ''}</Text>
        <View className="jf-of-history__meta">
          {item.minutesToSite !== undefined && (
            <Text className="jf-muted jf-block">
              {item.minutesToSite < 1
                ? t('officer.history.toSiteQuick')
                : t('officer.history.toSite', { n: Math.round(item.minutesToSite) })}
            </Text>
          )}
          {item.late && <Text className="jf-of-tag jf-of-tag--late">{t('officer.history.late')}</Text>}
        </View>
        {ticket.resolution && <Text className="jf-of-history__note">{ticket.resolution.note}</Text>}
      </View>
    </View>
  );
}
