import { useCallback, useRef, useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { NoiseSite, NoiseSites } from '@jiefang/contracts';
import { ApiError } from '../../../api/client';
import { LargeTextToggle } from '../../../components/LargeTextToggle';
import { ErrorBox, LoadingBox } from '../../../components/LoadStates';
import { PageShell } from '../../../components/PageShell';
import { useSession } from '../../../components/useSession';
import { alarmsApi, locateForNoise } from '../../../features/devices/devicesServices';
import {
  formatDb,
  formatDistance,
  formatLimit,
  limitLine,
  meterView,
  noiseTone,
  publicAlarmStatusLabel,
  recentAlarmsView,
  siteName,
  sortSites,
  summarizeSites,
  toneLabel,
  type RecentAlarmView,
} from '../../../features/devices/noise';
import { AUTO_REFRESH_MS, NOISE_RADIUS_M } from '../../../features/devices/routes';
import { emptyLine, noiseQuery, scopeLine, type NoiseScope } from '../../../features/devices/scope';
import { useAutoRefresh } from '../../../features/devices/useAutoRefresh';
import { formatTime } from '../../../features/report/labels';
import { t } from '../../../i18n';
import { messageOf } from '../../../services';
import '../devices.scss';

type Data =
  | { status: 'locating' }
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; sites: NoiseSites; at: number; refreshError?: string };

function SiteCard({ site, now }: { site: NoiseSite; now: number }) {
  const tone = noiseTone(site);
  const distance = formatDistance(site.distanceM);
  const where = [site.site ? site.streetName : null, distance].filter(Boolean).join(' · ');
  const meter = meterView(site.levelDb, site.limitDb);
  const level = site.levelDb === null ? '--' : formatDb(site.levelDb);
  return (
    <View
      className={`jf-card jf-site jf-site--${tone}`}
      data-testid={`noise-site-${site.deviceId}`}
      data-tone={tone}
      data-online={site.online ? 'true' : 'false'}
    >
      <View className="jf-site__head">
        <View className="jf-site__names">
          <Text className="jf-site__name">{siteName(site)}</Text>
          {where && <Text className="jf-dv-muted">{where}</Text>}
        </View>
        <View
          className="jf-site__level"
          ariaLabel={
            site.levelDb === null ? toneLabel(tone) : t('noise.site.level', { level, tone: toneLabel(tone) })
          }
        >
          {!site.online && site.levelDb !== null && (
            <Text className="jf-site__last">{t('noise.site.lastLevel')}</Text>
          )}
          <Text className="jf-site__value" data-testid={`noise-level-${site.deviceId}`}>
            {level}
          </Text>
          <Text className="jf-site__unit">{t('noise.unit')}</Text>
        </View>
      </View>

      <View className="jf-meter">
        <View className="jf-meter__fill" style={{ width: `${meter.fill}%` }} />
        <View className="jf-meter__mark" style={{ left: `${meter.mark}%` }} />
      </View>

      <View className="jf-site__tags">
        <Text className={`jf-badge jf-tone--${tone}`}>{toneLabel(tone)}</Text>
        {site.alarmActive && (
          <Text className="jf-badge jf-tone--alarm" data-testid={`noise-alarm-${site.deviceId}`}>
            {t('noise.site.alarm')}
          </Text>
        )}
      </View>
      <Text className="jf-site__limit" data-period={site.period}>
        {limitLine(site)}
      </Text>
      {site.updatedAt && (
        <Text className="jf-dv-muted jf-block">
          {t('noise.site.updatedAt', { time: formatTime(site.updatedAt, now) })}
        </Text>
      )}
    </View>
  );
}

function RecentAlarms({ alarms, now }: { alarms: RecentAlarmView[]; now: number }) {
  return (
    <View className="jf-card" data-testid="noise-alarms">
      <Text className="jf-card__title">{t('noise.alarms.title')}</Text>
      {alarms.length === 0 ? (
        <Text className="jf-dv-muted jf-block" data-testid="noise-alarms-empty">
          {t('noise.alarms.empty')}
        </Text>
      ) : (
        alarms.map(({ alarm, excessDb, ongoing }) => (
          <View
            key={alarm.id}
            className="jf-dv-item"
            data-testid={`noise-alarm-row-${alarm.id}`}
            data-status={alarm.status}
          >
            <View className="jf-head-row">
              <Text className="jf-dv-item__title">{alarm.site ?? alarm.deviceId}</Text>
              <Text className={ongoing ? 'jf-badge jf-tone--over' : 'jf-badge jf-tone--done'}>
                {publicAlarmStatusLabel(alarm.status)}
              </Text>
            </View>
            <Text className="jf-dv-item__text">
              {t('noise.alarm.peak', {
                peak: formatDb(alarm.peakDb),
                limit: formatLimit(alarm.limitDb),
                excess: excessDb.toFixed(1),
              })}
            </Text>
            <Text className="jf-dv-muted jf-block">
              {[
                t('noise.alarm.opened', { time: formatTime(alarm.openedAt, now) }),
                alarm.clearedAt ? t('noise.alarm.cleared', { time: formatTime(alarm.clearedAt, now) }) : '',
              ]
                .filter(Boolean)
                .join('，')}
            </Text>
          </View>
        ))
      )}
    </View>
  );
}

function Legend() {
  return (
    <View className="jf-card jf-legend" data-testid="noise-legend">
      <Text className="jf-card__title">{t('noise.legend.title')}</Text>
      {(['quiet', 'near', 'over'] as const).map((tone) => (
        <View key={tone} className="jf-legend__row">
          <View className={`jf-legend__dot jf-legend__dot--${tone}`} />
          <Text className="jf-legend__text">{t(`noise.legend.${tone}`)}</Text>
        </View>
      ))}
      <Text className="jf-dv-muted jf-block jf-legend__note">{t('noise.legend.standard')}</Text>
    </View>
  );
}

export default function NoisePage() {
  const user = useSession();
  const [data, setData] = useState<Data>({ status: 'locating' });
  const [scope, setScope] = useState<NoiseScope | undefined>(undefined);
  const [refreshing, setRefreshing] = useState(false);
  // The run reads these, not state, so that a timer tick always uses the latest choice.
  const scopeRef = useRef<NoiseScope | undefined>(undefined);
  const positionRef = useRef<{ lat: number; lng: number } | undefined>(undefined);
  const hasData = useRef(false);

  const chooseScope = (next: NoiseScope | undefined) => {
    scopeRef.current = next;
    setScope(next);
  };

  const run = useCallback(async () => {
    if (!user) return;
    let current = scopeRef.current;
    if (!current) {
      if (!hasData.current) setData({ status: 'locating' });
      const position = await locateForNoise();
      positionRef.current = position;
      current = position
        ? { kind: 'nearby', position, radiusM: NOISE_RADIUS_M }
        : { kind: 'all', reason: 'refused' };
      chooseScope(current);
    }
    if (hasData.current) setRefreshing(true);
    else setData({ status: 'loading' });
    try {
      const sites = await alarmsApi.noiseSites(noiseQuery(current));
      // The user switched between nearby and all meanwhile: the run that follows shows the new choice.
      if (scopeRef.current !== current) return;
      hasData.current = true;
      setData({ status: 'ready', sites, at: Date.now() });
    } catch (error) {
      if (error instanceof ApiError && error.isAuthFailure) return;
      const message = messageOf(error);
      setData((previous) =>
        previous.status === 'ready' ? { ...previous, refreshError: message } : { status: 'error', message },
      );
    } finally {
      setRefreshing(false);
    }
  }, [user]);

  const poller = useAutoRefresh(run, AUTO_REFRESH_MS);

  usePullDownRefresh(() => {
    void poller.refresh().finally(() => void Taro.stopPullDownRefresh());
  });

  const showAll = () => {
    hasData.current = false;
    chooseScope({ kind: 'all', reason: 'chosen' });
    void poller.refresh();
  };

  const showNearby = () => {
    hasData.current = false;
    const position = positionRef.current;
    // Without a position yet (it was refused), ask again: the user may have allowed it since.
    chooseScope(position ? { kind: 'nearby', position, radiusM: NOISE_RADIUS_M } : undefined);
    void poller.refresh();
  };

  if (!user) return <PageShell>{null}</PageShell>;

  const sites = data.status === 'ready' ? sortSites(data.sites.items) : [];
  const summary = summarizeSites(sites);

  return (
    <PageShell>
      <View className="jf-page-head">
        <View className="jf-page-head__text">
          <Text className="jf-title">{t('noise.title')}</Text>
          {scope && (
            <Text className="jf-dv-muted" data-testid="noise-scope" data-scope={scope.kind}>
              {scopeLine(scope)}
            </Text>
          )}
        </View>
        <LargeTextToggle />
      </View>

      {(data.status === 'locating' || data.status === 'loading') && (
        <LoadingBox
          testId="noise-loading"
          text={t(data.status === 'locating' ? 'noise.locating' : 'noise.loading')}
        />
      )}

      {data.status === 'error' && (
        <ErrorBox
          testId="noise-error"
          retryTestId="noise-retry"
          message={data.message}
          onRetry={() => void poller.refresh()}
        />
      )}

      {data.status === 'ready' && (
        <>
          <View className="jf-dv-bar">
            <Text className="jf-dv-muted" data-testid="noise-updated">
              {t('noise.updated', { time: formatTime(new Date(data.at).toISOString(), data.at) })}
            </Text>
            <Button
              className="jf-dv-refresh"
              data-testid="noise-refresh"
              size="small"
              fill="outline"
              loading={refreshing}
              onClick={() => void poller.refresh()}
            >
              {refreshing ? t('noise.refreshing') : t('noise.refresh')}
            </Button>
          </View>
          {data.refreshError && (
            <Text className="jf-error jf-block" data-testid="noise-refresh-error">
              {t('noise.refreshFailed', { message: data.refreshError })}
            </Text>
          )}

          {sites.length === 0 ? (
            <View className="jf-card jf-dv-empty" data-testid="noise-empty">
              <Text className="jf-dv-empty__icon">🔇</Text>
              <Text className="jf-dv-empty__text">{scope ? emptyLine(scope) : t('noise.empty.all')}</Text>
              {scope?.kind === 'nearby' && (
                <Button data-testid="noise-show-all" type="primary" size="xlarge" block onClick={showAll}>
                  {t('noise.scope.showAll')}
                </Button>
              )}
            </View>
          ) : (
            <View data-testid="noise-sites">
              <Text className="jf-dv-summary" data-testid="noise-summary">
                {t('noise.summary', summary)}
              </Text>
              {sites.map((site) => (
                <SiteCard key={site.deviceId} site={site} now={data.at} />
              ))}
            </View>
          )}

          {scope && (
            <View className="jf-dv-links">
              {scope.kind === 'nearby' && sites.length > 0 && (
                <Text className="jf-link" data-testid="noise-show-all-link" onClick={showAll}>
                  {t('noise.scope.showAll')}
                </Text>
              )}
              {scope.kind === 'all' && (
                <Text className="jf-link" data-testid="noise-show-nearby" onClick={showNearby}>
                  {t('noise.scope.showNearby')}
                </Text>
              )}
            </View>
          )}

          <RecentAlarms alarms={recentAlarmsView(data.sites.recentAlarms)} now={data.at} />
          <Legend />
        </>
      )}
    </PageShell>
  );
}
