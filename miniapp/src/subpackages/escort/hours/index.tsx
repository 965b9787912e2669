import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { LargeTextToggle } from '../../../components/LargeTextToggle';
import { EmptyBox, ErrorBox, LoadingBox } from '../../../components/LoadStates';
import { PageShell } from '../../../components/PageShell';
import { useLoadable } from '../../../components/useLoadable';
import { useSession } from '../../../components/useSession';
import { VolunteerGate } from '../../../features/escort/components';
import { escortsApi } from '../../../features/escort/escortServices';
import { summarizeHours } from '../../../features/escort/escorts';
import { formatMinutes, hoursDecimal, serviceIcon, serviceLabel } from '../../../features/escort/labels';
import { VOLUNTEER_REGISTER_PAGE } from '../../../features/escort/routes';
import { useVolunteer } from '../../../features/escort/useVolunteer';
import { formatTime } from '../../../features/report/labels';
import { t } from '../../../i18n';
import '../escort.scss';

export default function VolunteerHoursPage() {
  const user = useSession();
  const volunteer = useVolunteer(user?.user.id);
  const volunteerId = volunteer.state.status === 'ready' ? volunteer.state.volunteer.id : undefined;
  const hours = useLoadable(() => escortsApi.hours(volunteerId ?? ''), [volunteerId], {
    enabled: !!volunteerId,
    refreshFailure: 'show',
  });

  usePullDownRefresh(() => {
    void Promise.all([volunteer.reload(), hours.refresh()]).finally(() => void Taro.stopPullDownRefresh());
  });

  if (!user) return <PageShell>{null}</PageShell>;

  const loaded = hours.state;
  const summary = loaded.status === 'ready' ? summarizeHours(loaded.value) : undefined;
  const now = loaded.status === 'ready' ? loaded.loadedAt : Date.now();

  return (
    <PageShell>
      <View className="jf-page-head">
        <Text className="jf-title">{t('escort.hours.title')}</Text>
        <LargeTextToggle />
      </View>

      <VolunteerGate state={volunteer.state} onRetry={() => void volunteer.reload()} />

      {volunteerId && loaded.status === 'loading' && (
        <LoadingBox testId="escort-hours-loading" text={t('escort.loading')} />
      )}
      {loaded.status === 'error' && (
        <ErrorBox testId="escort-hours-error" message={loaded.message} onRetry={() => void hours.reload()} />
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
                    <Text className="jf-muted">{formatTime(entry.completedAt, now)}</Text>
                  </View>
                  <View className="jf-es-entry__side">
                    <Text className="jf-es-entry__minutes">{formatMinutes(entry.minutes)}</Text>
                    <Text className={entry.reviewed ? 'jf-es-entry__ok' : 'jf-muted'}>
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
          className="jf-link jf-center"
          data-testid="escort-hours-profile"
          onClick={() => void Taro.navigateTo({ url: VOLUNTEER_REGISTER_PAGE })}
        >
          {t('escort.hours.profile')}
        </Text>
      )}
    </PageShell>
  );
}
