import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { Escort } from '@jiefang/contracts';
import { ApiError } from '../../../api/client';
import { LargeTextToggle } from '../../../components/LargeTextToggle';
import { DetailLayout } from '../../../components/DetailLayout';
import { PageShell } from '../../../components/PageShell';
import { useLoadable } from '../../../components/useLoadable';
import { useSession } from '../../../components/useSession';
import {
  EscortBadge,
  EscortTimeline,
  InfoRow,
  NeedTags,
  SosPanel,
  VolunteerActions,
  VolunteerGate,
} from '../../../features/escort/components';
import { placeLabel } from '../../../features/escort/booking';
import {
  announceEscortsChanged,
  dial,
  escortsApi,
  rememberedEscort,
  rememberEscorts,
} from '../../../features/escort/escortServices';
import { isMine, volunteerAffordances } from '../../../features/escort/escorts';
import { dialablePhone, escortDistance, serviceTitle } from '../../../features/escort/labels';
import { ESCORT_OPEN_PAGE, ESCORT_TODAY_PAGE } from '../../../features/escort/routes';
import { formatWindow } from '../../../features/escort/time';
import { useVolunteer, type Volunteering } from '../../../features/escort/useVolunteer';
import { formatTime } from '../../../features/report/labels';
import { t } from '../../../i18n';
import { messageOf } from '../../../services';
import '../escort.scss';

/** Back to 待接单 (which reloads), or there directly when this page was opened on its own. */
function backToOpenList() {
  announceEscortsChanged();
  Taro.navigateBack().catch(() => void Taro.redirectTo({ url: ESCORT_OPEN_PAGE }));
}

export default function EscortTaskPage() {
  const user = useSession();
  const router = useRouter();
  const id = router.params.id ?? '';
  const volunteer = useVolunteer(user?.user.id);
  const task = useLoadable(
    async () => {
      const escort = await escortsApi.get(id);
      rememberEscorts([escort]);
      return escort;
    },
    [id],
    // What the list showed stays on screen if this one is refused; a real failure says so.
    { enabled: !!user, initial: () => rememberedEscort(id) },
  );

  usePullDownRefresh(() => {
    void task.refresh().finally(() => void Taro.stopPullDownRefresh());
  });

  if (!user) return <PageShell>{null}</PageShell>;

  const update = (updated: Escort) => {
    rememberEscorts([updated]);
    task.set(updated);
    announceEscortsChanged();
  };

  return (
    <DetailLayout
      state={task.state}
      onRetry={() => void task.reload()}
      testId="escort-task"
      loadingText={t('escort.loading')}
      header={
        <View className="jf-page-head">
          <Text className="jf-title">{t('escort.task.title')}</Text>
          <LargeTextToggle />
        </View>
      }
    >
      {(escort, now) => <EscortTask escort={escort} now={now} volunteer={volunteer} onChanged={update} />}
    </DetailLayout>
  );
}

function EscortTask({
  escort,
  now,
  volunteer,
  onChanged: update,
}: {
  escort: Escort;
  now: number;
  volunteer: Volunteering;
  onChanged: (escort: Escort) => void;
}) {
  const [accepting, setAccepting] = useState(false);
  const [acceptError, setAcceptError] = useState<string | undefined>(undefined);
  const ready = volunteer.state.status === 'ready';
  const can = volunteerAffordances(escort, volunteer.me, now);
  const mine = isMine(escort, volunteer.me);
  const phone = dialablePhone(escort.elderPhone);
  const centre =
    volunteer.state.status === 'ready'
      ? { lat: volunteer.state.volunteer.serviceArea.lat, lng: volunteer.state.volunteer.serviceArea.lng }
      : undefined;

  const accept = async () => {
    if (accepting) return;
    setAccepting(true);
    setAcceptError(undefined);
    try {
      update(await escortsApi.accept(escort.id));
      void Taro.showToast({ title: t('escort.accept.done'), icon: 'success' });
    } catch (error) {
      if (error instanceof ApiError && error.isAuthFailure) return;
      if (error instanceof ApiError && error.code === 'conflict') {
        // Someone else was first, or it clashes with one of the volunteer's own escorts.
        await Taro.showModal({
          title: t('escort.accept.conflictTitle'),
          content: error.message,
          showCancel: false,
          confirmText: t('escort.accept.conflictOk'),
        }).catch(() => undefined);
        backToOpenList();
        return;
      }
      setAcceptError(messageOf(error));
    } finally {
      setAccepting(false);
    }
  };

  const distance = escortDistance(escort);

  return (
    <>
      <VolunteerGate state={volunteer.state} onRetry={() => void volunteer.reload()} />

      <View
        className={escort.urgent ? 'jf-card jf-es-summary jf-es-item--urgent' : 'jf-card jf-es-summary'}
        data-testid="escort-task"
        data-escort-id={escort.id}
        data-status={escort.status}
      >
        <View className="jf-es-item__head">
          <Text className="jf-es-summary__title">{serviceTitle(escort)}</Text>
          <EscortBadge status={escort.status} testId="escort-task-status" />
        </View>
        {escort.urgent && escort.status === 'open' && (
          <Text className="jf-es-urgent">{t('escort.open.urgent')}</Text>
        )}
        <InfoRow
          label={t('escort.field.time')}
          value={formatWindow(escort.windowStart, escort.windowEnd, now)}
        />
        <InfoRow label={t('escort.field.elder')} value={escort.elderName} />
        <NeedTags needs={escort.elderNeeds} />
        {escort.elderAddress ? (
          <InfoRow
            label={t('escort.field.address')}
            value={escort.elderAddress}
            testId="escort-task-address"
          />
        ) : (
          (escort.area || distance) && (
            <InfoRow
              label={t('escort.field.area')}
              value={[escort.area, distance].filter(Boolean).join(' · ')}
              testId="escort-task-area"
            />
          )
        )}
        {escort.pickupAddress && (
          <InfoRow label={placeLabel(escort.serviceType, 'pickupAddress')} value={escort.pickupAddress} />
        )}
        {escort.hospital && (
          <InfoRow label={placeLabel(escort.serviceType, 'hospital')} value={escort.hospital} />
        )}
        {escort.department && (
          <InfoRow label={placeLabel(escort.serviceType, 'department')} value={escort.department} />
        )}
        {escort.destination && (
          <InfoRow label={placeLabel(escort.serviceType, 'destination')} value={escort.destination} />
        )}
        {escort.notes && <InfoRow label={t('escort.field.notes')} value={escort.notes} />}
        {mine && (
          <InfoRow label={t('escort.field.phone')} value={escort.elderPhone} testId="escort-task-phone" />
        )}
        {escort.checkedInAt && (
          <InfoRow label={t('escort.field.checkedInAt')} value={formatTime(escort.checkedInAt, now)} />
        )}
        {mine && phone && (escort.status === 'accepted' || escort.status === 'in_progress') && (
          <Button
            className="jf-gap-top"
            data-testid="escort-call-elder"
            size="xlarge"
            block
            fill="outline"
            onClick={() => dial(phone)}
          >
            {t('escort.task.callElder')}
          </Button>
        )}

        {!escort.elderAddress && escort.status === 'open' && (
          <Text className="jf-muted jf-block jf-gap-top">{t('escort.task.addressHidden')}</Text>
        )}
      </View>

      {ready && can.accept && (
        <View className="jf-card">
          <Text className="jf-es-action__hint">{t('escort.accept.hint')}</Text>
          <Button
            data-testid="escort-accept"
            type="primary"
            size="xlarge"
            block
            loading={accepting}
            onClick={() => void accept()}
          >
            {t('escort.accept')}
          </Button>
          {acceptError && (
            <View className="jf-error" data-testid="escort-accept-error">
              {acceptError}
            </View>
          )}
        </View>
      )}

      {ready && mine && (
        <View className="jf-card">
          <VolunteerActions
            fallbackPoint={centre}
            key={`${escort.id}-${escort.status}`}
            escort={escort}
            me={volunteer.me}
            now={now}
            onChanged={update}
          />
          {escort.status === 'accepted' && (
            <Text
              className="jf-link jf-center"
              data-testid="escort-go-today"
              onClick={() => void Taro.redirectTo({ url: ESCORT_TODAY_PAGE })}
            >
              {t('entry.escort.today.title')}
            </Text>
          )}
        </View>
      )}

      {ready && can.sos && <SosPanel escort={escort} onSent={update} />}

      {escort.completionNotes && (
        <View className="jf-card" data-testid="escort-task-notes">
          <Text className="jf-card__title">{t('escort.detail.completionNotes')}</Text>
          <Text className="jf-block">{escort.completionNotes}</Text>
        </View>
      )}

      {mine && <EscortTimeline escort={escort} now={now} />}
    </>
  );
}
