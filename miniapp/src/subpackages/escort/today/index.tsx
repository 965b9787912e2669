import { useEffect, useRef } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { Escort } from '@jiefang/contracts';
import { LargeTextToggle } from '../../../components/LargeTextToggle';
import { EmptyBox, ErrorBox, LoadingBox } from '../../../components/LoadStates';
import { PageShell } from '../../../components/PageShell';
import { useLoadable } from '../../../components/useLoadable';
import { useSession } from '../../../components/useSession';
import {
  EscortBadge,
  NeedTags,
  SosPanel,
  VolunteerActions,
  VolunteerGate,
} from '../../../features/escort/components';
import { ESCORTS_CHANGED, dial, escortsApi, rememberEscorts } from '../../../features/escort/escortServices';
import {
  appendUnique,
  replaceEscort,
  scheduledStatuses,
  shapeSchedule,
  volunteerAffordances,
  type MyIds,
} from '../../../features/escort/escorts';
import { dialablePhone, serviceTitle } from '../../../features/escort/labels';
import { ESCORT_OPEN_PAGE, escortTaskUrl } from '../../../features/escort/routes';
import { formatWindow } from '../../../features/escort/time';
import { useVolunteer } from '../../../features/escort/useVolunteer';
import { t } from '../../../i18n';
import '../escort.scss';

function ScheduleCard({
  escort,
  me,
  now,
  withActions,
  onChanged,
  centre,
}: {
  escort: Escort;
  me: MyIds;
  now: number;
  withActions: boolean;
  onChanged: (escort: Escort) => void;
  centre: { lat: number; lng: number } | undefined;
}) {
  const phone = dialablePhone(escort.elderPhone);
  const can = volunteerAffordances(escort, me, now);
  const open = () => void Taro.navigateTo({ url: escortTaskUrl(escort.id) });
  return (
    <View
      className={`jf-card jf-es-item jf-es-item--${escort.status}`}
      data-testid={`escort-today-${escort.id}`}
      data-status={escort.status}
    >
      <View className="jf-es-item__head" ariaRole="link" onClick={open}>
        <Text className="jf-es-item__title">{serviceTitle(escort)}</Text>
        <EscortBadge status={escort.status} />
      </View>
      <Text className="jf-es-item__time" onClick={open}>
        {formatWindow(escort.windowStart, escort.windowEnd, now)}
      </Text>
      <Text className="jf-es-item__meta">{t('escort.today.elder', { name: escort.elderName })}</Text>
      <NeedTags needs={escort.elderNeeds} />
      {(escort.elderAddress || escort.pickupAddress) && (
        <Text className="jf-es-item__meta">{`📍 ${escort.pickupAddress ?? escort.elderAddress ?? ''}`}</Text>
      )}
      {escort.hospital && (
        <Text className="jf-es-item__meta">
          {`🏥 ${[escort.hospital, escort.department].filter(Boolean).join(' ')}`}
        </Text>
      )}
      {escort.notes && <Text className="jf-es-item__meta">{`📝 ${escort.notes}`}</Text>}
      {withActions && phone && escort.status !== 'completed' && (
        <Text
          className="jf-link jf-block jf-gap-top"
          data-testid={`escort-today-call-${escort.id}`}
          onClick={() => dial(phone)}
        >
          {t('escort.task.callElder')}
        </Text>
      )}
      {withActions && (
        <VolunteerActions
          fallbackPoint={centre}
          key={`${escort.id}-${escort.status}`}
          escort={escort}
          me={me}
          now={now}
          onChanged={onChanged}
          allowWithdraw={false}
        />
      )}
      {withActions && can.sos && <SosPanel escort={escort} onSent={onChanged} />}
      {escort.completionNotes && (
        <Text className="jf-es-item__meta">{t('escort.today.notes', { notes: escort.completionNotes })}</Text>
      )}
    </View>
  );
}

export default function TodayPage() {
  const user = useSession();
  const volunteer = useVolunteer(user?.user.id);
  const registered = volunteer.state.status === 'ready';
  const list = useLoadable(
    async () => {
      const [active, done] = await Promise.all([
        escortsApi.mine({ statuses: scheduledStatuses, limit: 200 }),
        escortsApi.mine({ statuses: ['completed'], limit: 20 }),
      ]);
      const items = appendUnique(active.items, done.items);
      rememberEscorts(items);
      return items;
    },
    [],
    {
      enabled: registered,
      onRefreshFailure: (message) => void Taro.showToast({ title: message, icon: 'none' }),
    },
  );

  // Back from a detail where something changed (accepted, withdrawn, checked in): reload quietly.
  const changed = useRef(false);
  useEffect(() => {
    const mark = () => {
      changed.current = true;
    };
    Taro.eventCenter.on(ESCORTS_CHANGED, mark);
    return () => void Taro.eventCenter.off(ESCORTS_CHANGED, mark);
  }, []);
  useDidShow(() => {
    if (!changed.current) return;
    changed.current = false;
    void list.refresh();
  });

  usePullDownRefresh(() => {
    void Promise.all([volunteer.reload(), list.refresh()]).finally(() => void Taro.stopPullDownRefresh());
  });

  if (!user) return <PageShell>{null}</PageShell>;

  const loaded = list.state;
  const now = loaded.status === 'ready' ? loaded.loadedAt : Date.now();
  const update = (updated: Escort) => {
    rememberEscorts([updated]);
    if (loaded.status === 'ready') list.set(replaceEscort(loaded.value, updated));
  };

  const centre =
    volunteer.state.status === 'ready'
      ? { lat: volunteer.state.volunteer.serviceArea.lat, lng: volunteer.state.volunteer.serviceArea.lng }
      : undefined;
  const schedule = loaded.status === 'ready' ? shapeSchedule(loaded.value, volunteer.me, now) : undefined;
  const nothing =
    schedule &&
    schedule.today.length + schedule.later.length + schedule.overdue.length + schedule.doneToday.length === 0;

  return (
    <PageShell>
      <View className="jf-page-head">
        <View className="jf-page-head__text">
          <Text className="jf-title">{t('escort.today.title')}</Text>
          {schedule && (
            <Text className="jf-muted" data-testid="escort-today-summary">
              {t('escort.today.summary', { n: schedule.today.length, done: schedule.doneToday.length })}
            </Text>
          )}
        </View>
        <LargeTextToggle />
      </View>

      <VolunteerGate state={volunteer.state} onRetry={() => void volunteer.reload()} />

      {registered && (
        <>
          {loaded.status === 'loading' && (
            <LoadingBox testId="escort-today-loading" text={t('escort.loading')} />
          )}
          {loaded.status === 'error' && (
            <ErrorBox
              testId="escort-today-error"
              message={loaded.message}
              onRetry={() => void list.reload()}
            />
          )}
          {nothing && (
            <EmptyBox testId="escort-today-empty" icon="📅" text={t('escort.today.empty')}>
              <Button
                data-testid="escort-today-go-open"
                type="primary"
                size="xlarge"
                block
                onClick={() => void Taro.navigateTo({ url: ESCORT_OPEN_PAGE })}
              >
                {t('entry.escort.open.title')}
              </Button>
            </EmptyBox>
          )}
          {schedule && !nothing && (
            <View data-testid="escort-today-list">
              {schedule.overdue.length > 0 && (
                <>
                  <Text className="jf-section-title">{t('escort.today.overdue')}</Text>
                  {schedule.overdue.map((escort) => (
                    <ScheduleCard
                      key={escort.id}
                      escort={escort}
                      me={volunteer.me}
                      centre={centre}
                      now={now}
                      withActions
                      onChanged={update}
                    />
                  ))}
                </>
              )}
              <Text className="jf-section-title">{t('escort.today.today')}</Text>
              {schedule.today.length === 0 && (
                <Text className="jf-muted jf-block" data-testid="escort-today-none">
                  {t('escort.today.noneToday')}
                </Text>
              )}
              {schedule.today.map((escort) => (
                <ScheduleCard
                  key={escort.id}
                  escort={escort}
                  me={volunteer.me}
                  centre={centre}
                  now={now}
                  withActions
                  onChanged={update}
                />
              ))}
              {schedule.doneToday.length > 0 && (
                <>
                  <Text className="jf-section-title">{t('escort.today.done')}</Text>
                  {schedule.doneToday.map((escort) => (
                    <ScheduleCard
                      key={escort.id}
                      escort={escort}
                      me={volunteer.me}
                      centre={centre}
                      now={now}
                      withActions={false}
                      onChanged={update}
                    />
                  ))}
                </>
              )}
              {schedule.later.length > 0 && (
                <>
                  <Text className="jf-section-title">{t('escort.today.later')}</Text>
                  {schedule.later.map((escort) => (
                    <ScheduleCard
                      key={escort.id}
                      escort={escort}
                      me={volunteer.me}
                      centre={centre}
                      now={now}
                      withActions
                      onChanged={update}
                    />
                  ))}
                </>
              )}
            </View>
          )}
        </>
      )}
    </PageShell>
  );
}
