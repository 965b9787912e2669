import { useState, type ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import {
  escortCompleteSchema,
  escortReasonSchema,
  type ElderNeed,
  type Escort,
  type EscortStatus,
} from '@jiefang/contracts';
import { ApiError } from '../../api/client';
import { EmptyBox, ErrorBox, LoadingBox } from '../../components/LoadStates';
import { useActionRunner } from '../../components/useActionRunner';
import { t } from '../../i18n';
import { messageOf } from '../../services';
import { formatTime } from '../report/labels';
import { callAmbulance, dial, escortsApi, locateHere, locateQuickly } from './escortServices';
import { volunteerAffordances, type MyIds } from './escorts';
import {
  dialablePhone,
  escortActionLabel,
  escortStatusLabel,
  escortStatusTone,
  maskPhone,
  needLabel,
  timelineNewestFirst,
} from './labels';
import { VOLUNTEER_REGISTER_PAGE } from './routes';
import type { VolunteerState } from './useVolunteer';

export function EscortBadge({ status, testId }: { status: EscortStatus; testId?: string }) {
  return (
    <Text
      className={`jf-badge jf-badge--${escortStatusTone(status)}`}
      data-testid={testId}
      data-status={status}
    >
      {escortStatusLabel(status)}
    </Text>
  );
}

export function InfoRow({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <View className="jf-es-row">
      <Text className="jf-es-row__key">{label}</Text>
      <Text className="jf-es-row__value" data-testid={testId}>
        {value}
      </Text>
    </View>
  );
}

/** A big tappable choice (a day, a time, a skill…). */
export function Chip({
  selected,
  onClick,
  testId,
  children,
  wide,
}: {
  selected: boolean;
  onClick: () => void;
  testId: string;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <View
      className={`jf-choice jf-es-chip${selected ? ' jf-choice--selected' : ''}${wide ? ' jf-es-chip--wide' : ''}`}
      data-testid={testId}
      data-selected={selected ? 'true' : 'false'}
      ariaRole="checkbox"
      onClick={onClick}
    >
      {children}
    </View>
  );
}

export function NeedTags({ needs }: { needs: readonly ElderNeed[] }) {
  if (needs.length === 0) return null;
  return (
    <View className="jf-es-tags">
      {needs.map((need) => (
        <Text key={need} className="jf-es-tag">
          {needLabel(need)}
        </Text>
      ))}
    </View>
  );
}

export function FieldError({ message, testId }: { message: string | undefined; testId: string }) {
  if (!message) return null;
  return (
    <Text className="jf-field-error" data-testid={testId}>
      {message}
    </Text>
  );
}

/** Five big stars; read-only without onChange. */
export function Stars({ value, onChange }: { value: number; onChange?: (score: number) => void }) {
  return (
    <View className="jf-stars" ariaRole={onChange ? 'radiogroup' : undefined}>
      {[1, 2, 3, 4, 5].map((score) => (
        <View
          key={score}
          className={score <= value ? 'jf-star jf-es-star jf-star--on' : 'jf-star jf-es-star'}
          data-testid={onChange ? `escort-rate-${score}` : undefined}
          data-selected={score === value ? 'true' : 'false'}
          ariaRole={onChange ? 'radio' : undefined}
          ariaLabel={t('escort.rate.stars', { n: score })}
          onClick={onChange ? () => onChange(score) : undefined}
        >
          ★
        </View>
      ))}
      {value > 0 && (
        <Text className="jf-stars__label">{t(`escort.rate.level.${value as 1 | 2 | 3 | 4 | 5}`)}</Text>
      )}
    </View>
  );
}

export function EscortTimeline({ escort, now }: { escort: Escort; now: number }) {
  const entries = timelineNewestFirst(escort.timeline);
  if (entries.length === 0) return null;
  return (
    <View className="jf-card" data-testid="escort-timeline">
      <Text className="jf-card__title">{t('escort.timeline')}</Text>
      {entries.map((entry, index) => (
        <View
          key={`${entry.at}-${entry.action}-${index}`}
          className={index === 0 ? 'jf-timeline__item jf-timeline__item--latest' : 'jf-timeline__item'}
          data-action={entry.action}
        >
          <View className="jf-timeline__dot" />
          <View className="jf-timeline__body">
            <View className="jf-timeline__head">
              <Text className="jf-timeline__action">{escortActionLabel(entry.action)}</Text>
              <Text className="jf-timeline__time">{formatTime(entry.at, now)}</Text>
            </View>
            {entry.note && <Text className="jf-timeline__note">{entry.note}</Text>}
          </View>
        </View>
      ))}
    </View>
  );
}

/** The volunteer who accepted, with a call button when the number is not masked. */
export function VolunteerContact({ escort }: { escort: Escort }) {
  const { volunteer } = escort;
  if (!volunteer) return null;
  const number = dialablePhone(volunteer.phone);
  return (
    <View className="jf-card jf-es-person" data-testid="escort-volunteer">
      <Text className="jf-card__title">{t('escort.detail.volunteer')}</Text>
      <Text className="jf-es-person__name" data-testid="escort-volunteer-name">
        {volunteer.name}
      </Text>
      <Text className="jf-es-person__phone" data-testid="escort-volunteer-phone">
        {maskPhone(volunteer.phone)}
      </Text>
      {number && (escort.status === 'accepted' || escort.status === 'in_progress') && (
        <Button
          className="jf-gap-top"
          data-testid="escort-call-volunteer"
          size="xlarge"
          block
          fill="outline"
          onClick={() => dial(number)}
        >
          {t('escort.detail.callVolunteer')}
        </Button>
      )}
    </View>
  );
}

/**
 * 紧急求助 during an escort: one big red button, a confirmation (so a stray tap sends nothing), then the
 * alert with the position if it comes quickly; afterwards a 120 button.
 */
export function SosPanel({ escort, onSent }: { escort: Escort; onSent: (escort: Escort) => void }) {
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const send = async () => {
    if (busy) return;
    const answer = await Taro.showModal({
      title: t('escort.sos.confirmTitle'),
      content: t('escort.sos.confirmText'),
      confirmText: t('escort.sos.confirm'),
      confirmColor: '#b42318',
      cancelText: t('escort.cancelAction'),
    }).catch(() => ({ confirm: false }));
    if (!answer.confirm) return;
    setBusy(true);
    setError(undefined);
    try {
      const point = await locateQuickly();
      onSent(await escortsApi.sos(escort.id, point ? { lat: point.lat, lng: point.lng } : {}));
      setSent(true);
    } catch (err) {
      if (err instanceof ApiError && err.isAuthFailure) return;
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="jf-card jf-es-sos" data-testid="escort-sos-panel">
      {sent ? (
        <Text className="jf-es-sos__done" data-testid="escort-sos-done">
          {t('escort.sos.done')}
        </Text>
      ) : (
        <Text className="jf-es-sos__hint">{t('escort.sos.hint')}</Text>
      )}
      <Button
        data-testid="escort-sos"
        type="danger"
        size="xlarge"
        block
        loading={busy}
        onClick={() => void send()}
      >
        {sent ? t('escort.sos.again') : t('escort.sos.button')}
      </Button>
      <Button
        className="jf-gap-top"
        data-testid="escort-call-120"
        size="xlarge"
        block
        fill="outline"
        onClick={callAmbulance}
      >
        {t('escort.sos.call120')}
      </Button>
      {error && (
        <View className="jf-error" data-testid="escort-sos-error">
          {error}
        </View>
      )}
    </View>
  );
}

/**
 * A volunteer's own escort: 到达签到 (position checked by the BFF), 完成服务 with notes, 退单 with a
 * reason, and 紧急求助 while it goes on.
 */
export function VolunteerActions({
  escort,
  me,
  now,
  onChanged,
  allowWithdraw = true,
  fallbackPoint,
}: {
  escort: Escort;
  me: MyIds;
  now: number;
  onChanged: (escort: Escort) => void;
  allowWithdraw?: boolean;
  /** Where to say the volunteer is for a phone-only service when the position cannot be had. */
  fallbackPoint?: { lat: number; lng: number };
}) {
  const can = volunteerAffordances(escort, me, now);
  const { busy, setBusy, error, setError, run } = useActionRunner<
    'checkIn' | 'complete' | 'withdraw',
    Escort
  >(onChanged);
  const [notes, setNotes] = useState('');
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');

  const checkIn = async () => {
    if (busy) return;
    setBusy('checkIn');
    setError(undefined);
    // In person the BFF checks the position against the elder's home; a phone call only needs some point.
    let point: { lat: number; lng: number } | undefined;
    if (escort.inPerson) point = await locateHere().catch(() => undefined);
    else point = (await locateQuickly()) ?? fallbackPoint;
    setBusy(undefined);
    if (!point) {
      setError(t('escort.checkIn.noLocation'));
      return;
    }
    const at = point;
    await run('checkIn', () => escortsApi.checkIn(escort.id, at), t('escort.checkIn.done'));
  };

  const complete = () => {
    const parsed = escortCompleteSchema.safeParse({ notes });
    if (!parsed.success) {
      setError(t('escort.complete.notesRequired'));
      return;
    }
    void run('complete', () => escortsApi.complete(escort.id, parsed.data.notes), t('escort.complete.done'));
  };

  const withdraw = () => {
    const parsed = escortReasonSchema.safeParse({ reason });
    if (!parsed.success) {
      setError(t('escort.withdraw.reasonRequired'));
      return;
    }
    void run('withdraw', () => escortsApi.withdraw(escort.id, parsed.data.reason), t('escort.withdraw.done'));
  };

  const nothing = !can.checkIn && !can.complete && !(allowWithdraw && can.withdraw);
  if (nothing && !error) return null;

  return (
    <View className="jf-es-actions" data-testid={`escort-actions-${escort.id}`}>
      {can.checkIn && (
        <View className="jf-es-action">
          <Text className={can.early ? 'jf-es-action__hint jf-es-action__hint--warn' : 'jf-es-action__hint'}>
            {can.early
              ? t('escort.checkIn.early')
              : escort.inPerson
                ? t('escort.checkIn.hint')
                : t('escort.checkIn.hintCall')}
          </Text>
          <Button
            data-testid="escort-check-in"
            type="primary"
            size="xlarge"
            block
            loading={busy === 'checkIn'}
            onClick={() => void checkIn()}
          >
            {t('escort.checkIn')}
          </Button>
        </View>
      )}

      {can.complete && (
        <View className="jf-es-action">
          <Text className="jf-label">{t('escort.complete.notes')}</Text>
          <Textarea
            className="jf-textarea jf-es-textarea"
            nativeProps={{ 'data-testid': 'escort-complete-notes' }}
            value={notes}
            maxlength={500}
            placeholder={t('escort.complete.placeholder')}
            onInput={(event) => setNotes(event.detail.value)}
          />
          <Button
            data-testid="escort-complete-submit"
            type="primary"
            size="xlarge"
            block
            loading={busy === 'complete'}
            onClick={complete}
          >
            {t('escort.complete.submit')}
          </Button>
        </View>
      )}

      {allowWithdraw && can.withdraw && (
        <View className="jf-es-action">
          {withdrawing ? (
            <>
              <Text className="jf-es-action__hint">{t('escort.withdraw.hint')}</Text>
              <Textarea
                className="jf-textarea jf-textarea--short jf-es-textarea"
                nativeProps={{ 'data-testid': 'escort-withdraw-reason' }}
                value={reason}
                maxlength={200}
                placeholder={t('escort.withdraw.reason')}
                onInput={(event) => setReason(event.detail.value)}
              />
              <View className="jf-es-action__row">
                <Button
                  data-testid="escort-withdraw-submit"
                  type="danger"
                  size="large"
                  loading={busy === 'withdraw'}
                  onClick={withdraw}
                >
                  {t('escort.withdraw.submit')}
                </Button>
                <Text className="jf-link" onClick={() => setWithdrawing(false)}>
                  {t('escort.cancelAction')}
                </Text>
              </View>
            </>
          ) : (
            <Text
              className="jf-link jf-block"
              data-testid="escort-withdraw"
              onClick={() => {
                setError(undefined);
                setWithdrawing(true);
              }}
            >
              {t('escort.withdraw')}
            </Text>
          )}
        </View>
      )}

      {error && (
        <View className="jf-error" data-testid="escort-action-error">
          {error}
        </View>
      )}
    </View>
  );
}

/**
 * What a volunteer page shows before its content: loading, a failure, 请先登记 for someone not registered,
 * and 等待审核 (with the content still shown) until a community worker verifies them.
 */
export function VolunteerGate({ state, onRetry }: { state: VolunteerState; onRetry: () => void }) {
  if (state.status === 'loading') return <LoadingBox testId="volunteer-loading" text={t('escort.loading')} />;
  if (state.status === 'error')
    return <ErrorBox testId="volunteer-error" message={state.message} onRetry={onRetry} />;
  if (state.status === 'unregistered') {
    return (
      <EmptyBox testId="volunteer-unregistered" icon="🙋" text={t('escort.volunteer.notRegistered')}>
        <Button
          data-testid="volunteer-register-link"
          type="primary"
          size="xlarge"
          block
          onClick={() => void Taro.navigateTo({ url: VOLUNTEER_REGISTER_PAGE })}
        >
          {t('escort.volunteer.registerNow')}
        </Button>
      </EmptyBox>
    );
  }
  if (!state.volunteer.verified) {
    return (
      <View className="jf-card jf-es-notice" data-testid="volunteer-pending">
        <Text>{t('escort.volunteer.pending')}</Text>
      </View>
    );
  }
  return null;
}
