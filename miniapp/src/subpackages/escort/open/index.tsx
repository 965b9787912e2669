import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Escort } from '@jiefang/contracts';
import { ApiError } from '../../../api/client';
import { LargeTextToggle } from '../../../components/LargeTextToggle';
import { EmptyBox, ErrorBox, LoadingBox } from '../../../components/LoadStates';
import { PageShell } from '../../../components/PageShell';
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
import { messageOf } from '../../../services';
import '../escort.scss';

type List =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; items: Escort[]; urgent: number; refreshError?: string };

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
  const [list, setList] = useState<List>({ status: 'idle' });
  const [now, setNow] = useState(() => Date.now());
  // Only verified volunteers see open requests (the BFF refuses others with 403): the gate says why.
  const registered = volunteer.state.status === 'ready' && volunteer.state.volunteer.verified;

  const load = useCallback(async (quiet: boolean) => {
    if (!quiet) setList({ status: 'loading' });
    try {
      const page = await escortsApi.open();
      rememberEscorts(page.items);
      setNow(Date.now());
      setList({ status: 'ready', ...shapeOpenList(page.items) });
    } catch (error) {
      if (error instanceof ApiError && error.isAuthFailure) return;
      setList((current) =>
        quiet && current.status === 'ready'
          ? { ...current, refreshError: messageOf(error) }
          : { status: 'error', message: messageOf(error) },
      );
    }
  }, []);

  const poller = useAutoRefresh(
    () => (registered ? load(list.status === 'ready') : Promise.resolve()),
    OPEN_REFRESH_MS,
  );

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

  return (
    <PageShell>
      <View className="jf-es-topbar">
        <View className="jf-es-topbar__text">
          <Text className="jf-title">{t('escort.open.title')}</Text>
          {list.status === 'ready' && list.items.length > 0 && (
            <Text className="jf-es-muted" data-testid="escort-open-summary">
              {list.urgent > 0
                ? t('escort.open.summaryUrgent', { n: list.items.length, urgent: list.urgent })
                : t('escort.open.summary', { n: list.items.length })}
            </Text>
          )}
        </View>
        <LargeTextToggle />
      </View>

      <VolunteerGate state={volunteer.state} onRetry={() => void volunteer.reload()} />

      {registered && (
        <>
          {(list.status === 'loading' || list.status === 'idle') && (
            <LoadingBox testId="escort-open-loading" text={t('escort.loading')} />
          )}
          {list.status === 'error' && (
            <ErrorBox testId="escort-open-error" message={list.message} onRetry={() => void load(false)} />
          )}
          {list.status === 'ready' && list.refreshError && (
            <Text className="jf-es-muted jf-es-block">
              {t('escort.refreshFailed', { message: list.refreshError })}
            </Text>
          )}
          {list.status === 'ready' && list.items.length === 0 && (
            <EmptyBox testId="escort-open-empty" icon="🌿" text={t('escort.open.empty')} />
          )}
          {list.status === 'ready' && list.items.length > 0 && (
            <View data-testid="escort-open-list">
              <Text className="jf-es-muted jf-es-block jf-es-intro">{t('escort.open.privacy')}</Text>
              {list.items.map((escort) => (
                <OpenRow key={escort.id} escort={escort} now={now} />
              ))}
            </View>
          )}
          <Text
            className="jf-link jf-es-center"
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
