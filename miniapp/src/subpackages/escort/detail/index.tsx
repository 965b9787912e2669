import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { escortRateSchema, escortReasonSchema, type Escort } from '@jiefang/contracts';
import { DetailLayout } from '../../../components/DetailLayout';
import { PageShell } from '../../../components/PageShell';
import { useActionRunner } from '../../../components/useActionRunner';
import { useLoadable } from '../../../components/useLoadable';
import { useSession } from '../../../components/useSession';
import {
  Chip,
  EscortBadge,
  EscortTimeline,
  InfoRow,
  NeedTags,
  SosPanel,
  Stars,
  VolunteerContact,
} from '../../../features/escort/components';
import { placeLabel } from '../../../features/escort/booking';
import { escortsApi } from '../../../features/escort/escortServices';
import { activeStatuses, familyAffordances } from '../../../features/escort/escorts';
import { escortStatusHint, serviceTitle } from '../../../features/escort/labels';
import { DETAIL_REFRESH_MS } from '../../../features/escort/routes';
import { formatWindow } from '../../../features/escort/time';
import { formatTime } from '../../../features/report/labels';
import { useLiveRefresh } from '../../../live/useLiveRefresh';
import { t } from '../../../i18n';
import '../escort.scss';

const cancelReasons = [
  'escort.cancel.reason.changed',
  'escort.cancel.reason.accompanied',
  'escort.cancel.reason.unwell',
] as const;

/** 取消预约 and 评价, as far as the booking allows them now. */
function FamilyActions({
  escort,
  now,
  onChanged,
}: {
  escort: Escort;
  now: number;
  onChanged: (escort: Escort) => void;
}) {
  const allowed = familyAffordances(escort, now);
  const { busy, error, setError, run } = useActionRunner<'cancel' | 'rate', Escort>(onChanged);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');

  const cancel = () => {
    const parsed = escortReasonSchema.safeParse({ reason });
    if (!parsed.success) {
      setError(t('escort.cancel.reasonRequired'));
      return;
    }
    void run('cancel', () => escortsApi.cancel(escort.id, parsed.data.reason), t('escort.cancel.done')).then(
      (done) => done && setCancelling(false),
    );
  };

  const rate = () => {
    const parsed = escortRateSchema.safeParse({ score, comment });
    if (!parsed.success) {
      setError(t('escort.rate.choose'));
      return;
    }
    void run('rate', () => escortsApi.rate(escort.id, parsed.data), t('escort.rate.done'));
  };

  if (!allowed.cancel && !allowed.rate && !escort.rating) return null;

  return (
    <View className="jf-card" data-testid="escort-family-actions">
      {allowed.rate && (
        <View className="jf-es-action" data-testid="escort-rate">
          <Text className="jf-card__title">{t('escort.rate.title')}</Text>
          <Stars value={score} onChange={setScore} />
          <Textarea
            className="jf-textarea jf-textarea--short jf-es-textarea"
            nativeProps={{ 'data-testid': 'escort-rate-comment' }}
            value={comment}
            maxlength={200}
            placeholder={t('escort.rate.comment')}
            onInput={(event) => setComment(event.detail.value)}
          />
          <Button
            data-testid="escort-rate-submit"
            type="primary"
            size="xlarge"
            block
            loading={busy === 'rate'}
            onClick={rate}
          >
            {t('escort.rate.submit')}
          </Button>
        </View>
      )}
      {escort.rating && (
        <View className="jf-es-action" data-testid="escort-rating">
          <Text className="jf-card__title">{t('escort.rate.yours')}</Text>
          <Stars value={escort.rating.score} />
          {escort.rating.comment && <Text className="jf-block">{escort.rating.comment}</Text>}
        </View>
      )}

      {allowed.cancel && (
        <View className="jf-es-action">
          {cancelling ? (
            <>
              <Text className="jf-card__title">{t('escort.cancel.title')}</Text>
              <View className="jf-choices jf-es-chips">
                {cancelReasons.map((key) => (
                  <Chip
                    key={key}
                    selected={reason === t(key)}
                    testId={`escort-cancel-${key.split('.').pop() ?? ''}`}
                    onClick={() => setReason(t(key))}
                  >
                    {t(key)}
                  </Chip>
                ))}
              </View>
              <Textarea
                className="jf-textarea jf-textarea--short jf-es-textarea"
                nativeProps={{ 'data-testid': 'escort-cancel-reason' }}
                value={reason}
                maxlength={200}
                placeholder={t('escort.cancel.reason')}
                onInput={(event) => setReason(event.detail.value)}
              />
              <Button
                data-testid="escort-cancel-submit"
                type="danger"
                size="xlarge"
                block
                loading={busy === 'cancel'}
                onClick={cancel}
              >
                {t('escort.cancel.submit')}
              </Button>
              <Text className="jf-link jf-center" onClick={() => setCancelling(false)}>
                {t('escort.cancel.keep')}
              </Text>
            </>
          ) : (
            <Button
              data-testid="escort-cancel"
              size="xlarge"
              block
              fill="outline"
              onClick={() => {
                setError(undefined);
                setCancelling(true);
              }}
            >
              {t('escort.cancel')}
            </Button>
          )}
        </View>
      )}

      {error && (
        <View className="jf-error" data-testid="escort-family-error">
          {error}
        </View>
      )}
    </View>
  );
}

export default function EscortDetailPage() {
  const user = useSession();
  const router = useRouter();
  const id = router.params.id ?? '';
  const detail = useLoadable(() => escortsApi.get(id), [id], { enabled: !!user, auto: false });

  // First show, then while the booking goes on the family follows it (accepted, checked in, completed)
  // as it changes; a finished or failed one is left alone (pull down or 重试 reloads it).
  useLiveRefresh(
    () => {
      const { state } = detail;
      if (state.status === 'loading') return detail.reload();
      if (state.status === 'ready' && activeStatuses.includes(state.value.status)) return detail.refresh();
      return Promise.resolve();
    },
    ['escort'],
    { safetyMs: DETAIL_REFRESH_MS },
  );

  usePullDownRefresh(() => {
    void detail.refresh().finally(() => void Taro.stopPullDownRefresh());
  });

  if (!user) return <PageShell alwaysLarge>{null}</PageShell>;

  return (
    <DetailLayout
      alwaysLarge
      state={detail.state}
      onRetry={() => void detail.reload()}
      testId="escort-detail"
      loadingText={t('escort.loading')}
    >
      {(escort, now) => <EscortDetail escort={escort} now={now} onChanged={detail.set} />}
    </DetailLayout>
  );
}

function EscortDetail({
  escort,
  now,
  onChanged: update,
}: {
  escort: Escort;
  now: number;
  onChanged: (escort: Escort) => void;
}) {
  const allowed = familyAffordances(escort, now);

  return (
    <>
      <View className="jf-card jf-es-summary" data-testid="escort-detail" data-escort-id={escort.id}>
        <View className="jf-es-item__head">
          <Text className="jf-es-summary__title">{serviceTitle(escort)}</Text>
          <EscortBadge status={escort.status} testId="escort-status" />
        </View>
        <Text className="jf-es-summary__hint" data-testid="escort-status-hint">
          {escortStatusHint(escort.status)}
        </Text>
        <InfoRow
          label={t('escort.field.time')}
          value={formatWindow(escort.windowStart, escort.windowEnd, now)}
          testId="escort-time"
        />
        <InfoRow label={t('escort.field.elder')} value={escort.elderName} />
        <NeedTags needs={escort.elderNeeds} />
        {escort.hospital && (
          <InfoRow label={placeLabel(escort.serviceType, 'hospital')} value={escort.hospital} />
        )}
        {escort.department && (
          <InfoRow label={placeLabel(escort.serviceType, 'department')} value={escort.department} />
        )}
        {escort.destination && (
          <InfoRow label={placeLabel(escort.serviceType, 'destination')} value={escort.destination} />
        )}
        {escort.pickupAddress && (
          <InfoRow label={placeLabel(escort.serviceType, 'pickupAddress')} value={escort.pickupAddress} />
        )}
        {escort.notes && <InfoRow label={t('escort.field.notes')} value={escort.notes} />}
        {escort.checkedInAt && (
          <InfoRow label={t('escort.field.checkedInAt')} value={formatTime(escort.checkedInAt, now)} />
        )}
        {escort.completedAt && (
          <InfoRow label={t('escort.field.completedAt')} value={formatTime(escort.completedAt, now)} />
        )}
      </View>

      {allowed.sos && <SosPanel escort={escort} onSent={update} />}

      <VolunteerContact escort={escort} />

      {escort.completionNotes && (
        <View className="jf-card" data-testid="escort-completion-notes">
          <Text className="jf-card__title">{t('escort.detail.completionNotes')}</Text>
          <Text className="jf-block">{escort.completionNotes}</Text>
        </View>
      )}

      <FamilyActions key={`${escort.id}-${escort.status}`} escort={escort} now={now} onChanged={update} />

      <EscortTimeline escort={escort} now={now} />
    </>
  );
}
