import { useCallback, useMemo, useRef, useState } from 'react';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { Alarm, Household } from '@jiefang/contracts';
import { ApiError } from '../../../api/client';
import { LargeTextToggle } from '../../../components/LargeTextToggle';
import { ErrorBox, LoadingBox } from '../../../components/LoadStates';
import { PageShell } from '../../../components/PageShell';
import { useSession } from '../../../components/useSession';
import { alarmsApi } from '../../../features/devices/devicesServices';
import { SubscribeTip } from '../../../features/notifications/SubscribeTip';
import {
  FIRE_NUMBER,
  alarmStatusLabel,
  alarmTypeIcon,
  alarmTypeLabel,
  appendPage,
  applyUpdate,
  canAcknowledge,
  currentStatuses,
  formatConfidence,
  historyStatuses,
  isCritical,
  severityLabel,
  sortCurrentAlarms,
  sortHistory,
  summarizeCurrent,
} from '../../../features/devices/ownerAlarms';
import { addressBook, ownerAlarmPlace } from '../../../features/devices/bindHousehold';
import { householdsApi } from '../../../features/devices/householdsServices';
import { AUTO_REFRESH_MS, BIND_HOUSEHOLD_PAGE } from '../../../features/devices/routes';
import { useLiveRefresh } from '../../../live/useLiveRefresh';
import { formatTime } from '../../../features/report/labels';
import { t } from '../../../i18n';
import { messageOf } from '../../../services';
import '../devices.scss';

const historyPageSize = 20;

type Current =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; items: Alarm[]; at: number; refreshError?: string };

type History =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; items: Alarm[]; total: number; loadingMore: boolean; moreError?: string };

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className="jf-alarm__row">
      <Text className="jf-alarm__key">{label}</Text>
      <Text className="jf-alarm__value">{value}</Text>
    </View>
  );
}

function callFire() {
  Taro.makePhoneCall({ phoneNumber: FIRE_NUMBER }).catch(() => {
    void Taro.showToast({ title: t('owner.call119.failed'), icon: 'none' });
  });
}

function AlarmCard({
  alarm,
  now,
  busy,
  error,
  onAcknowledge,
  addresses,
}: {
  alarm: Alarm;
  addresses: ReadonlyMap<string, string>;
  now: number;
  busy: boolean;
  error: string | undefined;
  onAcknowledge: () => void;
}) {
  const critical = isCritical(alarm);
  const confidence = formatConfidence(alarm.confidence);
  const place = ownerAlarmPlace(alarm, addresses);
  const address = alarm.householdId ? addresses.get(alarm.householdId) : undefined;
  return (
    <View
      className={`jf-card jf-alarm jf-alarm--${alarm.status}${critical ? ' jf-alarm--critical' : ''}`}
      data-testid={`owner-alarm-${alarm.id}`}
      data-type={alarm.type}
      data-status={alarm.status}
      data-critical={critical ? 'true' : 'false'}
    >
      <View className="jf-head-row">
        <Text className="jf-alarm__type">{`${alarmTypeIcon(alarm.type)} ${alarmTypeLabel(alarm.type)}`}</Text>
        <Text
          className={`jf-badge jf-status--${alarm.status}`}
          data-testid={`owner-alarm-status-${alarm.id}`}
        >
          {alarmStatusLabel(alarm.status)}
        </Text>
      </View>
      <Text className="jf-alarm__severity">
        {t('owner.alarm.severity', { level: severityLabel(alarm.severity) })}
      </Text>

      {critical && (
        <>
          <Text className="jf-alarm__critical">{t('owner.critical.title')}</Text>
          <Text className="jf-alarm__critical-hint">{t('owner.critical.hint')}</Text>
          <Button
            data-testid={`owner-call-119-${alarm.id}`}
            type="danger"
            size="xlarge"
            block
            onClick={callFire}
          >
            {`📞 ${t('owner.call119')}`}
          </Button>
        </>
      )}

      <View className="jf-alarm__rows">
        <Row label={t('owner.alarm.place')} value={place} />
        {address && address !== place && <Row label={t('owner.alarm.household')} value={address} />}
        <Row label={t('owner.alarm.openedAt')} value={formatTime(alarm.openedAt, now)} />
        {alarm.lastDetectedAt !== alarm.openedAt && (
          <Row label={t('owner.alarm.lastDetectedAt')} value={formatTime(alarm.lastDetectedAt, now)} />
        )}
        {alarm.acknowledgedAt && (
          <Row label={t('owner.alarm.acknowledgedAt')} value={formatTime(alarm.acknowledgedAt, now)} />
        )}
      </View>
      {(alarm.count > 1 || confidence) && (
        <Text className="jf-dv-muted jf-block">
          {[
            alarm.count > 1 ? t('owner.alarm.count', { n: alarm.count }) : '',
            confidence ? t('owner.alarm.confidence', { percent: confidence }) : '',
          ]
            .filter(Boolean)
            .join('，')}
        </Text>
      )}

      {canAcknowledge(alarm) ? (
        <View className="jf-alarm__actions">
          <Button
            data-testid={`owner-ack-${alarm.id}`}
            type="primary"
            size="xlarge"
            block
            loading={busy}
            onClick={onAcknowledge}
          >
            {t('owner.acknowledge')}
          </Button>
        </View>
      ) : (
        alarm.status === 'acknowledged' && (
          <Text className="jf-alarm__hint">{t('owner.acknowledged.hint')}</Text>
        )
      )}
      {error && (
        <Text className="jf-error jf-block" data-testid={`owner-ack-error-${alarm.id}`}>
          {error}
        </Text>
      )}
    </View>
  );
}

/** Why indoor charging is dangerous and what to do; open by itself while a charging alarm is current. */
function ChargingAdvice({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  if (!open) {
    return (
      <View className="jf-card jf-advice" data-testid="owner-advice" data-open="false">
        <View className="jf-advice__toggle" ariaRole="button" onClick={onToggle}>
          <Text>{`🔌 ${t('owner.charging.show')}`}</Text>
          <Text>›</Text>
        </View>
      </View>
    );
  }
  return (
    <View className="jf-card jf-advice" data-testid="owner-advice" data-open="true">
      <Text className="jf-card__title">{t('owner.charging.title')}</Text>
      <Text className="jf-advice__text">{t('owner.charging.risk')}</Text>
      <Text className="jf-advice__rule">{t('owner.charging.rule')}</Text>
      <Text className="jf-advice__todo">{t('owner.charging.todo.title')}</Text>
      {(['1', '2', '3'] as const).map((step) => (
        <View key={step} className="jf-advice__step">
          <Text className="jf-advice__num">{step}</Text>
          <Text>{t(`owner.charging.todo.${step}`)}</Text>
        </View>
      ))}
      <Text className="jf-link jf-center" onClick={onToggle}>
        {t('owner.charging.hide')}
      </Text>
    </View>
  );
}

function HistoryRow({
  alarm,
  now,
  addresses,
}: {
  alarm: Alarm;
  now: number;
  addresses: ReadonlyMap<string, string>;
}) {
  return (
    <View className="jf-history__row" data-testid={`owner-history-${alarm.id}`} data-type={alarm.type}>
      <Text className="jf-history__icon">{alarmTypeIcon(alarm.type)}</Text>
      <View className="jf-history__body">
        <View className="jf-head-row">
          <Text className="jf-dv-item__title">{alarmTypeLabel(alarm.type)}</Text>
          <Text className="jf-badge jf-status--cleared">{alarmStatusLabel(alarm.status)}</Text>
        </View>
        <Text className="jf-dv-item__text">{ownerAlarmPlace(alarm, addresses)}</Text>
        <Text className="jf-dv-muted">
          {`${t('owner.alarm.openedAt')} ${formatTime(alarm.openedAt, now)}`}
          {alarm.clearedAt ? `，${t('owner.alarm.clearedAt')} ${formatTime(alarm.clearedAt, now)}` : ''}
        </Text>
      </View>
    </View>
  );
}

export default function OwnerAlarmsPage() {
  const user = useSession();
  const isOwner = !!user?.user.roles.includes('property_owner');
  const [current, setCurrent] = useState<Current>({ status: 'loading' });
  const [history, setHistory] = useState<History>({ status: 'loading' });
  const [refreshing, setRefreshing] = useState(false);
  const [acking, setAcking] = useState<string | undefined>(undefined);
  const [ackErrors, setAckErrors] = useState<Record<string, string>>({});
  const [adviceOpen, setAdviceOpen] = useState<boolean | undefined>(undefined);
  /** The owner's households, by id: alarms are named by address, never by id. */
  const [homes, setHomes] = useState<Household[]>([]);
  const addresses = useMemo(() => addressBook(homes), [homes]);
  const loaded = useRef(false);
  const historyCount = useRef(0);

  const run = useCallback(async () => {
    if (!isOwner) return;
    if (loaded.current) setRefreshing(true);
    // A refresh keeps as much history as was already shown, so the list does not jump back to one page.
    const historyLimit = Math.min(200, Math.max(historyPageSize, historyCount.current));
    const [now, past, mine] = await Promise.allSettled([
      alarmsApi.mine(currentStatuses, { limit: 100 }),
      alarmsApi.mine(historyStatuses, { limit: historyLimit }),
      householdsApi.mine(),
    ]);
    if (mine.status === 'fulfilled') setHomes(mine.value.items);
    setRefreshing(false);
    const authFailed = [now, past].some(
      (result) =>
        result.status === 'rejected' && result.reason instanceof ApiError && result.reason.isAuthFailure,
    );
    if (authFailed) return;

    if (now.status === 'fulfilled') {
      loaded.current = true;
      setCurrent({ status: 'ready', items: sortCurrentAlarms(now.value.items), at: Date.now() });
    } else {
      const message = messageOf(now.reason);
      setCurrent((previous) =>
        previous.status === 'ready' ? { ...previous, refreshError: message } : { status: 'error', message },
      );
    }
    if (past.status === 'fulfilled') {
      const items = sortHistory(past.value.items);
      historyCount.current = items.length;
      setHistory({ status: 'ready', items, total: past.value.total, loadingMore: false });
    } else {
      const message = messageOf(past.reason);
      setHistory((previous) => (previous.status === 'ready' ? previous : { status: 'error', message }));
    }
  }, [isOwner]);

  const poller = useLiveRefresh(run, ['alarm'], { safetyMs: AUTO_REFRESH_MS });

  usePullDownRefresh(() => {
    void poller.refresh().finally(() => void Taro.stopPullDownRefresh());
  });

  const loadMore = useCallback(async () => {
    if (history.status !== 'ready' || history.loadingMore || history.items.length >= history.total) return;
    setHistory({ ...history, loadingMore: true, moreError: undefined });
    try {
      const page = await alarmsApi.mine(historyStatuses, {
        offset: history.items.length,
        limit: historyPageSize,
      });
      const items = appendPage(history.items, page.items);
      historyCount.current = items.length;
      setHistory({ status: 'ready', items, total: page.total, loadingMore: false });
    } catch (error) {
      setHistory({ ...history, loadingMore: false, moreError: messageOf(error) });
    }
  }, [history]);

  useReachBottom(() => void loadMore());

  const acknowledge = async (alarm: Alarm) => {
    if (acking) return;
    setAcking(alarm.id);
    setAckErrors(({ [alarm.id]: _dropped, ...rest }) => rest);
    try {
      const updated = await alarmsApi.acknowledge(alarm.id);
      // Functional updates: an automatic refresh may have replaced the lists while this was on its way.
      setCurrent((previous) =>
        previous.status === 'ready'
          ? { ...previous, items: applyUpdate({ current: previous.items, history: [] }, updated).current }
          : previous,
      );
      if (updated.status === 'cleared') {
        setHistory((previous) =>
          previous.status === 'ready'
            ? { ...previous, items: applyUpdate({ current: [], history: previous.items }, updated).history }
            : previous,
        );
      }
      void Taro.showToast({ title: t('owner.acknowledge.done'), icon: 'success' });
    } catch (error) {
      if (error instanceof ApiError && error.isAuthFailure) return;
      // Someone else (or another phone) acknowledged or it cleared meanwhile: show how it is now.
      if (error instanceof ApiError && error.code === 'conflict') void poller.refresh();
      else setAckErrors((errors) => ({ ...errors, [alarm.id]: messageOf(error) }));
    } finally {
      setAcking(undefined);
    }
  };

  if (!user) return <PageShell>{null}</PageShell>;

  const header = (
    <View className="jf-page-head">
      <View className="jf-page-head__text">
        <Text className="jf-title">{t('owner.title')}</Text>
      </View>
      <LargeTextToggle />
    </View>
  );

  if (!isOwner) {
    return (
      <PageShell>
        {header}
        <View className="jf-card jf-status-box" data-testid="owner-not-owner">
          <Text className="jf-block">{t('owner.notOwner')}</Text>
          <Text className="jf-muted jf-block">{t('owner.notOwnerBind')}</Text>
          <Button
            type="primary"
            block
            data-testid="owner-bind"
            onClick={() => void Taro.navigateTo({ url: BIND_HOUSEHOLD_PAGE })}
          >
            {t('owner.bindNow')}
          </Button>
        </View>
      </PageShell>
    );
  }

  const summary = summarizeCurrent(current.status === 'ready' ? current.items : []);
  const showAdvice = adviceOpen ?? summary.charging > 0;
  const now = current.status === 'ready' ? current.at : Date.now();

  return (
    <PageShell>
      {header}
      <Text className="jf-dv-intro">{t('owner.intro')}</Text>
      <View className="jf-card" data-testid="owner-homes">
        <Text className="jf-card__title">{t('owner.homes')}</Text>
        {homes.map((home) => (
          <Text key={home.id} className="jf-block" data-testid="owner-home">
            {home.streetName ? `${home.address}（${home.streetName}）` : home.address}
          </Text>
        ))}
        <Text
          className="jf-link"
          data-testid="owner-bind-more"
          onClick={() => void Taro.navigateTo({ url: BIND_HOUSEHOLD_PAGE })}
        >
          {t('owner.bindMore')}
        </Text>
      </View>
      <SubscribeTip ask="alarms" />

      {current.status === 'loading' && <LoadingBox testId="owner-loading" text={t('owner.loading')} />}

      {current.status === 'error' && (
        <ErrorBox
          testId="owner-error"
          retryTestId="owner-retry"
          message={current.message}
          onRetry={() => void poller.refresh()}
        />
      )}

      {current.status === 'ready' && (
        <>
          <View className="jf-dv-bar">
            <Text className="jf-dv-muted" data-testid="owner-updated">
              {t('owner.updated', { time: formatTime(new Date(current.at).toISOString(), current.at) })}
            </Text>
            <Button
              className="jf-dv-refresh"
              data-testid="owner-refresh"
              size="small"
              fill="outline"
              loading={refreshing}
              onClick={() => void poller.refresh()}
            >
              {t('owner.refresh')}
            </Button>
          </View>
          {current.refreshError && (
            <Text className="jf-error jf-block" data-testid="owner-refresh-error">
              {t('owner.refreshFailed', { message: current.refreshError })}
            </Text>
          )}

          <View className="jf-dv-section">
            <Text>{t('owner.current.title')}</Text>
            {current.items.length > 0 && (
              <Text className="jf-dv-muted" data-testid="owner-current-count">
                {summary.unacknowledged > 0
                  ? t('owner.summary.unacknowledged', { n: summary.unacknowledged })
                  : t('owner.current.count', { n: current.items.length })}
              </Text>
            )}
          </View>
          {current.items.length === 0 ? (
            <View className="jf-card jf-dv-empty" data-testid="owner-current-empty">
              <Text className="jf-dv-empty__icon">✅</Text>
              <Text className="jf-dv-empty__text">{t('owner.current.empty')}</Text>
            </View>
          ) : (
            <View data-testid="owner-current">
              {current.items.map((alarm) => (
                <AlarmCard
                  addresses={addresses}
                  key={alarm.id}
                  alarm={alarm}
                  now={now}
                  busy={acking === alarm.id}
                  error={ackErrors[alarm.id]}
                  onAcknowledge={() => void acknowledge(alarm)}
                />
              ))}
            </View>
          )}
        </>
      )}

      <ChargingAdvice open={showAdvice} onToggle={() => setAdviceOpen(!showAdvice)} />

      <Text className="jf-dv-section">{t('owner.history.title')}</Text>
      {history.status === 'loading' && (
        <LoadingBox testId="owner-history-loading" text={t('owner.history.loading')} />
      )}
      {history.status === 'error' && (
        <View className="jf-card jf-status-box jf-status-box--error" data-testid="owner-history-error">
          <Text>{t('owner.history.loadFailed', { message: history.message })}</Text>
          <Text className="jf-link" onClick={() => void poller.refresh()}>
            {t('owner.retry')}
          </Text>
        </View>
      )}
      {history.status === 'ready' &&
        (history.items.length === 0 ? (
          <View className="jf-card jf-status-box" data-testid="owner-history-empty">
            <Text>{t('owner.history.empty')}</Text>
          </View>
        ) : (
          <View className="jf-card" data-testid="owner-history">
            {history.items.map((alarm) => (
              <HistoryRow key={alarm.id} alarm={alarm} now={now} addresses={addresses} />
            ))}
            {history.items.length < history.total ? (
              <Text
                className="jf-link jf-center"
                data-testid="owner-history-more"
                onClick={() => void loadMore()}
              >
                {history.loadingMore
                  ? t('owner.history.loading')
                  : (history.moreError ?? t('owner.history.more'))}
              </Text>
            ) : (
              <Text className="jf-dv-muted jf-center">{t('owner.history.end')}</Text>
            )}
          </View>
        ))}
    </PageShell>
  );
}
