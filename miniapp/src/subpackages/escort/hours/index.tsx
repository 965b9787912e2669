import { useCallback, useEffect, useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { VolunteerHours } from '@jiefang/contracts';
import { ApiError } from '../../../api/client';
import { LargeTextToggle } from '../../../components/LargeTextToggle';
import { PageShell } from '../../../components/PageShell';
import { useSession } from '../../../components/useSession';
import { EmptyBox, ErrorBox, LoadingBox, VolunteerGate } from '../../../features/escort/components';
import { escortsApi } from '../../../features/escort/escortServices';
import { summarizeHours } from '../../../features/escort/escorts';
import { formatMinutes, hoursDecimal, serviceIcon, serviceLabel } from '../../../features/escort/labels';
import { VOLUNTEER_REGISTER_PAGE } from '../../../features/escort/routes';
import { useVolunteer } from '../../../features/escort/useVolunteer';
import { formatTime } from '../../../features/report/labels';
import { t } from '../../../i18n';
import { messageOf } from '../../../services';
import '../escort.scss';

type Loaded =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; hours: VolunteerHours };

export default function VolunteerHoursPage() {
  const user = useSession();
  const volunteer = useVolunteer(user?.user.id);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'idle' });
  const [now, setNow] = useState(() => Date.now());
  const volunteerId = volunteer.state.status === 'ready' ? volunteer.state.volunteer.id : undefined;

  const load = useCallback(
    async (quiet = false) => {
      if (!volunteerId) return;
      if (!quiet) setLoaded({ status: 'loading' });
      try {
        const hours = await escortsApi.hours(volunteerId);
        setNow(Date.now());
        setLoaded({ status: 'ready', hours });
      } catch (error) {
        if (error instanceof ApiError && error.isAuthFailure) return;
        setLoaded({ status: 'error', message: messageOf(error) });
      }
    },
    [volunteerId],
  );

  useEffect(() => {
    void load();
  }, [load]);

  usePullDownRefresh(() => {
    void Promise.all([volunteer.reload(), load(true)]).finally(() => void Taro.stopPullDownRefresh());
  });

  if (!user) return <PageShell>{null}</PageShell>;

  const summary = loaded.status === 'ready' ? summarizeHours(loaded.hours) : undefined;

  return (
    <PageShell>
      <View className="jf-es-topbar">
        <Text className="jf-title">{t('escort.hours.title')}</Text>
        <LargeTextToggle />
      </View>

      <VolunteerGate state={volunteer.state} onRetry={() => void volunteer.reload()} />

      {volunteerId && (loaded.status === 'loading' || loaded.status === 'idle') && (
        <LoadingBox testId="escort-hours-loading" text={t('escort.loading')} />
      )}
      {loaded.status === 'error' && (
        <ErrorBox testId="escort-hours-error" message={loaded.message} onRetry={() => void load()} />
      )}

      {summary && (
        <>
          <View className="jf-card jf-es-hours" data-testid="escort-hours">
            <Text className="jf-es-hours__label">{t('escort.hours.total')}</Text>
            <View className="jf-es-hours__total">
              <Text
                className="jf-es-hours__number"
                data-testid="escort-hours-total"
                data-minutes={summary.totalMinutes}
              >
                {hoursDecimal(summary.totalMinutes)}
              </Text>
              <Text className="jf-es-hours__unit">{t('escort.hours.unit')}</Text>
            </View>
            <View className="jf-es-hours__stats">
              <View className="jf-es-hours__stat">
                <Text
                  className="jf-es-hours__stat-value"
                  data-testid="escort-hours-turns"
                  data-turns={summary.turns}
                >
                  {summary.turns}
                </Text>
                <Text className="jf-es-hours__stat-label">{t('escort.hours.turns')}</Text>
              </View>
              <View className="jf-es-hours__stat">
                <Text className="jf-es-hours__stat-value" data-testid="escort-hours-reviewed">
                  {formatMinutes(summary.reviewedMinutes)}
                </Text>
                <Text className="jf-es-hours__stat-label">{t('escort.hours.reviewed')}</Text>
              </View>
              <View className="jf-es-hours__stat">
                <Text className="jf-es-hours__stat-value">{formatMinutes(summary.pendingMinutes)}</Text>
                <Text className="jf-es-hours__stat-label">{t('escort.hours.pending')}</Text>
              </View>
            </View>
          </View>

          {summary.entries.length === 0 ? (
            <EmptyBox testId="escort-hours-empty" icon="⏱️" text={t('escort.hours.empty')} />
          ) : (
            <View className="jf-card" data-testid="escort-hours-entries">
              <Text className="jf-card__title">{t('escort.hours.records')}</Text>
              {summary.entries.map((entry) => (
                <View
                  key={entry.escortId}
                  className="jf-es-entry"
                  data-testid={`escort-hours-entry-${entry.escortId}`}
                >
                  <View className="jf-es-entry__text">
                    <Text className="jf-es-entry__title">
                      {`${serviceIcon(entry.serviceType)} ${serviceLabel(entry.serviceType)}`}
                    </Text>
                    <Text className="jf-es-muted">{formatTime(entry.completedAt, now)}</Text>
                  </View>
                  <View className="jf-es-entry__side">
                    <Text className="jf-es-entry__minutes">{formatMinutes(entry.minutes)}</Text>
                    <Text className={entry.reviewed ? 'jf-es-entry__ok' : 'jf-es-muted'}>
                      {entry.reviewed ? t('escort.hours.entryReviewed') : t('escort.hours.entryPending')}
                    </Text>
                  </View>
                </View>
              ))}
            </View>
          )}
        </>
      )}

      {volunteerId && (
        <Text
          className="jf-link jf-es-center"
          data-testid="escort-hours-profile"
          onClick={() => void Taro.navigateTo({ url: VOLUNTEER_REGISTER_PAGE })}
        >
          {t('escort.hours.profile')}
        </Text>
      )}
    </PageShell>
  );
}
