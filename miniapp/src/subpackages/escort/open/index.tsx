import { useEffect, useRef } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Escort } from '@jiefang/contracts';
import { LargeTextToggle } from '../../../components/LargeTextToggle';
import { EmptyBox, ErrorBox, LoadingBox } from '../../../components/LoadStates';
import { PageShell } from '../../../components/PageShell';
import { useLoadable } from '../../../components/useLoadable';
import { useSession } from '../../../components/useSession';
import { useAutoRefresh } from '../../../features/devices/useAutoRefresh';
import { NeedTags, VolunteerGate } from '../../../features/escort/components';
import { ESCORTS_CHANGED, escortsApi, rememberEscorts } from '../../../features/escort/escortServices';
import { shapeOpenList } from '../../../features/escort/escorts';
import { escortDistance, serviceTitle } from '../../../features/escort/labels';
import { ESCORT_TODAY_PAGE, OPEN_REFRESH_MS, escortTaskUrl } from '../../../features/escort/routes';
import { formatWindow } from '../../../features/escort/time';
import { useVolunteer } from '../../../features/escort/useVolunteer';
import { t } from '../../../i18n';
import '../escort.scss';

function OpenRow({ escort, now }: { escort: Escort; now: number }) {
  const distance = escortDistance(escort);
  const place = [escort.area, distance].filter(Boolean).join(' · ');
  return (
    <View
      className={escort.urgent ? 'jf-card jf-es-item jf-es-item--urgent' : 'jf-card jf-es-item'}
      data-testid={`escort-open-${escort.id}`}
      data-urgent={escort.urgent ? 'true' : 'false'}
      ariaRole="link"
      onClick={() => void Taro.navigateTo({ url: escortTaskUrl(escort.id) })}
    >
      <View className="jf-es-item__head">
        <Text className="jf-es-item__title">{serviceTitle(escort)}</Text>
        {escort.urgent && <Text className="jf-es-urgent">{t('escort.open.urgent')}</Text>}
      </View>
      <Text className="jf-es-item__time">{formatWindow(escort.windowStart, escort.windowEnd, now)}</Text>
      {place && <Text className="jf-es-item__meta">{`📍 ${place}`}</Text>}
      {escort.hospital && <Text className="jf-es-item__meta">{`🏥 ${escort.hospital}`}</Text>}
      <NeedTags needs={escort.elderNeeds} />
    </View>
  );
}

export default function OpenEscortsPage() {
  const user = useSession();
  const volunteer = useVolunteer(user?.user.id);
  // Only verified volunteers see open requests (the BFF refuses others with 403): the gate says why.
  const registered = volunteer.state.status === 'ready' && volunteer.state.volunteer.verified;
  const list = useLoadable(
    async () => {
      const page = await escortsApi.open();
      rememberEscorts(page.items);
      return shapeOpenList(page.items);
    },
    [],
    { enabled: registered, auto: false, refreshFailure: 'note' },
  );

  const poller = useAutoRefresh(() => list.load(), OPEN_REFRESH_MS);

  // Back from a detail where one was accepted (or someone else was first): the list is out of date.
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
    if (registered) void poller.refresh();
  });

  usePullDownRefresh(() => {
    void Promise.all([volunteer.reload(), poller.refresh()]).finally(() => void Taro.stopPullDownRefresh());
  });

  // The registration arrives after the first show: load then rather than in 30 s.
  useEffect(() => {
    if (registered) void poller.refresh();
  }, [registered, poller]);

  if (!user) return <PageShell>{null}</PageShell>;

  const loaded = list.state;
  const open = loaded.status === 'ready' ? loaded.value : undefined;

  return (
    <PageShell>
      <View className="jf-page-head">
        <View className="jf-page-head__text">
          <Text className="jf-title">{t('escort.open.title')}</Text>
          {open && open.items.length > 0 && (
            <Text className="jf-muted" data-testid="escort-open-summary">
              {open.urgent > 0
                ? t('escort.open.summaryUrgent', { n: open.items.length, urgent: open.urgent })
                : t('escort.open.summary', { n: open.items.length })}
            </Text>
          )}
        </View>
        <LargeTextToggle />
      </View>

      <VolunteerGate state={volunteer.state} onRetry={() => void volunteer.reload()} />

      {registered && (
        <>
          {loaded.status === 'loading' && (
            <LoadingBox testId="escort-open-loading" text={t('escort.loading')} />
          )}
          {loaded.status === 'error' && (
            <ErrorBox
              testId="escort-open-error"
              message={loaded.message}
              onRetry={() => void list.reload()}
            />
          )}
          {loaded.status === 'ready' && loaded.refreshError && (
            <Text className="jf-muted jf-block">
              {t('escort.refreshFailed', { message: loaded.refreshError })}
            </Text>
          )}
          {open && open.items.length === 0 && (
            <EmptyBox testId="escort-open-empty" icon="🌿" text={t('escort.open.empty')} />
          )}
          {loaded.status === 'ready' && loaded.value.items.length > 0 && (
            <View data-testid="escort-open-list">
              <Text className="jf-muted jf-block jf-es-intro">{t('escort.open.privacy')}</Text>
              {loaded.value.items.map((escort) => (
                <OpenRow key={escort.id} escort={escort} now={loaded.loadedAt} />
              ))}
            </View>
          )}
          <Text
            className="jf-link jf-center"
            data-testid="escort-open-go-today"
            onClick={() => void Taro.navigateTo({ url: ESCORT_TODAY_PAGE })}
          >
            {t('entry.escort.today.title')}
          </Text>
        </>
      )}
    </PageShell>
  );
}
