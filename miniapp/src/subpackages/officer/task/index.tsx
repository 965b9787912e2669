import { useRef, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Image, Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { Ticket } from '@jiefang/contracts';
import { ApiError } from '../../../api/client';
import { DetailLayout } from '../../../components/DetailLayout';
import { LargeTextToggle } from '../../../components/LargeTextToggle';
import { PageShell } from '../../../components/PageShell';
import { useLoadable } from '../../../components/useLoadable';
import { useSession } from '../../../components/useSession';
import { Countdowns, RejectPanel, StatusBadge } from '../../../features/officer/components';
import {
  navigateTo,
  officerApi,
  photoUrl,
  rememberTickets,
  rememberedTicket,
  uploadAfterPhoto,
} from '../../../features/officer/officerServices';
import { noticeAssignments } from '../../../features/officer/assignmentBell';
import { ringer } from '../../../features/officer/ringer';
import { officerTaskUrl } from '../../../features/officer/routes';
import {
  resolvePercent,
  sendResolution,
  type AfterPhoto,
  type ResolveProgress,
} from '../../../features/officer/resolution';
import { useNow } from '../../../features/officer/useNow';
import { categoryIcon, formatTime } from '../../../features/report/labels';
import { locateWgs84 } from '../../../features/report/location';
import { photosFromFiles } from '../../../features/report/photosH5';
import { pickWeappPhotos } from '../../../features/report/photosWeapp';
import { t } from '../../../i18n';
import { useLiveRefresh } from '../../../live/useLiveRefresh';
import { messageOf } from '../../../services';
import '../officer.scss';

const isH5 = process.env.TARO_ENV === 'h5';
/** Enough to show the work; the BFF allows more. */
const maxAfterPhotos = 4;

/** One ticket as the officer works on it: accept or reject, navigate, check in, resolve. */
export default function OfficerTaskPage() {
  const user = useSession();
  const id = useRouter().params.id ?? '';
  const task = useLoadable(
    async () => {
      const ticket = await officerApi.get(id);
      rememberTickets([ticket]);
      return ticket;
    },
    [id],
    { enabled: !!user, initial: () => rememberedTicket(id) },
  );
  const now = useNow();
  // A new assignment rings here too: an officer on site keeps this page open.
  const [arrived, setArrived] = useState<Ticket[]>([]);
  const checkAssignments = async () => {
    const held = await officerApi.tickets('held');
    const fresh = noticeAssignments(held).filter((ticket) => ticket.id !== id);
    // Announced until answered (here or on another phone), or taken back.
    const waiting = new Set(held.filter((ticket) => ticket.status === 'assigned').map((ticket) => ticket.id));
    setArrived((current) => [...current.filter((ticket) => waiting.has(ticket.id)), ...fresh]);
  };
  useLiveRefresh(() => Promise.all([task.refresh(), checkAssignments().catch(() => undefined)]), ['ticket']);
  usePullDownRefresh(() => {
    void task.refresh().finally(() => void Taro.stopPullDownRefresh());
  });

  if (!user) return <PageShell>{null}</PageShell>;
  const update = (ticket: Ticket) => {
    rememberTickets([ticket]);
    task.set(ticket);
  };

  return (
    <DetailLayout
      state={task.state}
      onRetry={() => void task.reload()}
      testId="officer-ticket"
      loadingText={t('officer.loading')}
      header={
        <View className="jf-page-head">
          <Text className="jf-title">{t('officer.task.title')}</Text>
          <LargeTextToggle />
        </View>
      }
      notice={arrived.map((ticket) => (
        <View
          key={ticket.id}
          className="jf-card jf-of-arrived"
          data-testid="officer-arrived"
          onClick={() => {
            ringer.stop();
            void Taro.redirectTo({ url: officerTaskUrl(ticket.id) });
          }}
        >
          <Text className="jf-of-arrived__title">{`🔔 ${t('officer.incoming.title')}：${ticket.categoryName}`}</Text>
          <Text className="jf-of-arrived__more">
            {`${ticket.address || ticket.streetName || ''} · ${t('officer.detail')} ›`}
          </Text>
        </View>
      ))}
    >
      {(ticket) => (
        <Task ticket={ticket} now={now} mine={ticket.assigneeId === user.user.id} onChanged={update} />
      )}
    </DetailLayout>
  );
}

function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <View className="jf-of-info" data-testid={testId}>
      <Text className="jf-of-info__label">{label}</Text>
      <Text className="jf-of-info__value">{value}</Text>
    </View>
  );
}

function Task({
  ticket,
  now,
  mine,
  onChanged,
}: {
  ticket: Ticket;
  now: number;
  mine: boolean;
  onChanged: (ticket: Ticket) => void;
}) {
  const [busy, setBusy] = useState<'accept' | 'reject' | 'checkIn' | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [rejecting, setRejecting] = useState(false);
  const open = ['assigned', 'accepted', 'on_site'].includes(ticket.status);

  const act = async (kind: NonNullable<typeof busy>, action: () => Promise<Ticket>, done: string) => {
    if (busy) return;
    ringer.stop();
    setBusy(kind);
    setError(undefined);
    try {
      onChanged(await action());
      setRejecting(false);
      void Taro.showToast({ title: done, icon: 'success' });
    } catch (err) {
      if (!(err instanceof ApiError && err.isAuthFailure)) setError(messageOf(err));
    } finally {
      setBusy(undefined);
    }
  };

  const checkIn = () =>
    act(
      'checkIn',
      async () => {
        let point: { lat: number; lng: number };
        try {
          point = await locateWgs84();
        } catch {
          throw new ApiError('validation_failed', t('officer.checkIn.noLocation'), 0);
        }
        return officerApi.checkIn(ticket.id, { lat: point.lat, lng: point.lng });
      },
      t('officer.checkIn.done'),
    );

  return (
    <>
      <View className="jf-card" data-testid="officer-ticket" data-status={ticket.status}>
        <View className="jf-head-row">
          <Text className="jf-of-task__title">{`${categoryIcon(ticket.category)} ${ticket.categoryName}`}</Text>
          <StatusBadge status={ticket.status} testId="officer-ticket-status" />
        </View>
        <Countdowns ticket={ticket} now={now} testId="officer-ticket-clock" />
        {ticket.slaBreached && <Text className="jf-error jf-block">{t('officer.task.breached')}</Text>}
        <Row label={t('officer.task.address')} value={ticket.address || ticket.streetName || ''} />
        {ticket.description && <Row label={t('officer.task.description')} value={ticket.description} />}
        <Row label={t('officer.task.reportedAt')} value={formatTime(ticket.reportedAt, now)} />
        {ticket.reporterCount > 1 && (
          <Row
            label={t('officer.task.reporters')}
            value={t('officer.task.reportersValue', { n: ticket.reporterCount })}
          />
        )}
        {ticket.photos.length > 0 && (
          <>
            <Text className="jf-label jf-of-label">{t('officer.task.photos')}</Text>
            <View className="jf-photos">
              {ticket.photos.map((photo) => (
                <Image
                  key={photo.id}
                  className="jf-photo"
                  src={photoUrl(photo.thumbnailUrl)}
                  mode="aspectFill"
                  onClick={() =>
                    void Taro.previewImage({
                      current: photoUrl(photo.url),
                      urls: ticket.photos.map((p) => photoUrl(p.url)),
                    })
                  }
                />
              ))}
            </View>
          </>
        )}
      </View>

      {!mine && open && <Text className="jf-card jf-block jf-muted">{t('officer.task.notMine')}</Text>}

      {mine && open && (
        <View className="jf-card jf-of-stack" data-testid="officer-ticket-actions">
          {ticket.status === 'assigned' &&
            (rejecting ? (
              <RejectPanel
                busy={busy === 'reject'}
                error={error}
                onCancel={() => setRejecting(false)}
                onConfirm={(reason) =>
                  void act('reject', () => officerApi.reject(ticket.id, reason), t('officer.reject.done'))
                }
              />
            ) : (
              <View className="jf-of-actions">
                <Button
                  size="xlarge"
                  fill="outline"
                  data-testid="officer-reject"
                  onClick={() => setRejecting(true)}
                >
                  {t('officer.reject')}
                </Button>
                <Button
                  size="xlarge"
                  type="primary"
                  data-testid="officer-accept"
                  loading={busy === 'accept'}
                  onClick={() =>
                    void act('accept', () => officerApi.accept(ticket.id), t('officer.accept.done'))
                  }
                >
                  {t('officer.accept')}
                </Button>
              </View>
            ))}
          {!rejecting && (
            <Button
              data-testid="officer-navigate"
              size="xlarge"
              block
              fill="outline"
              onClick={() => navigateTo(ticket)}
            >
              {`🧭 ${t('officer.navigate')}`}
            </Button>
          )}
          {ticket.status === 'accepted' && (
            <>
              <Button
                data-testid="officer-check-in"
                size="xlarge"
                block
                type="primary"
                loading={busy === 'checkIn'}
                onClick={() => void checkIn()}
              >
                {busy === 'checkIn' ? t('officer.checkIn.locating') : `📍 ${t('officer.checkIn')}`}
              </Button>
              <Text className="jf-muted jf-block jf-of-hint">{t('officer.checkIn.hint')}</Text>
            </>
          )}
          {error && !rejecting && (
            <Text className="jf-error jf-block" data-testid="officer-ticket-error">
              {error}
            </Text>
          )}
        </View>
      )}

      {mine && ticket.status === 'on_site' && <ResolveForm ticket={ticket} onResolved={onChanged} />}

      {ticket.resolution && (
        <View className="jf-card" data-testid="officer-ticket-resolution">
          <Text className="jf-card__title">{t('officer.resolve.resolution')}</Text>
          <Text className="jf-block">{ticket.resolution.note}</Text>
          <Text className="jf-muted jf-block">{formatTime(ticket.resolution.at, now)}</Text>
          <View className="jf-photos">
            {ticket.resolution.photos.map((photo) => (
              <Image
                key={photo.id}
                className="jf-photo"
                src={photoUrl(photo.thumbnailUrl)}
                mode="aspectFill"
              />
            ))}
          </View>
        </View>
      )}
    </>
  );
}

/** 办结: what was done, after-photos (uploaded one by one with progress), then the resolve. */
function ResolveForm({ ticket, onResolved }: { ticket: Ticket; onResolved: (ticket: Ticket) => void }) {
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<AfterPhoto[]>([]);
  const [progress, setProgress] = useState<ResolveProgress | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const fileInput = useRef<HTMLInputElement | null>(null);
  const sending = progress !== undefined;

  const add = (picked: AfterPhoto[], problem?: string) => {
    setPhotos((current) => [...current, ...picked].slice(0, maxAfterPhotos));
    setError(problem);
  };

  const pick = async () => {
    const room = maxAfterPhotos - photos.length;
    if (room <= 0 || sending) return;
    if (isH5) {
      fileInput.current?.click();
      return;
    }
    const picked = await pickWeappPhotos(room);
    if (picked) add(picked.photos);
  };

  const submit = async () => {
    if (sending) return;
    if (!note.trim()) return setError(t('officer.resolve.needNote'));
    if (photos.length === 0) return setError(t('officer.resolve.needPhoto'));
    setError(undefined);
    try {
      const resolved = await sendResolution(note.trim(), photos, {
        uploadPhoto: uploadAfterPhoto,
        resolve: (text, ids) => officerApi.resolve(ticket.id, text, ids),
        onUploaded: (index, id) =>
          setPhotos((current) =>
            current.map((photo, i) => {
              if (i !== index) return photo;
              const { uploadedId: _old, ...rest } = photo;
              return id ? { ...rest, uploadedId: id } : rest;
            }),
          ),
        onProgress: setProgress,
      });
      void Taro.showToast({ title: t('officer.resolve.done'), icon: 'success' });
      onResolved(resolved);
    } catch (err) {
      if (!(err instanceof ApiError && err.isAuthFailure)) setError(messageOf(err));
    } finally {
      setProgress(undefined);
    }
  };

  const percent = progress ? resolvePercent(progress) : 0;
  return (
    <View className="jf-card" data-testid="officer-resolve">
      <Text className="jf-card__title">{t('officer.resolve.title')}</Text>
      <Text className="jf-label jf-of-label">{t('officer.resolve.note')}</Text>
      <Textarea
        className="jf-textarea jf-of-textarea"
        nativeProps={{ 'data-testid': 'officer-resolve-note' }}
        value={note}
        maxlength={500}
        disabled={sending}
        placeholder={t('officer.resolve.notePlaceholder')}
        onInput={(event) => setNote(event.detail.value)}
      />
      <Text className="jf-label jf-of-label">
        {t('officer.resolve.photos', { n: photos.length, max: maxAfterPhotos })}
      </Text>
      <View className="jf-photos">
        {photos.map((photo, index) => (
          <View key={photo.ref} className="jf-photo" data-testid={`officer-resolve-photo-${index}`}>
            <Image className="jf-photo__img" src={photo.url} mode="aspectFill" />
            {!sending && (
              <View
                className="jf-photo__remove"
                ariaRole="button"
                ariaLabel={t('officer.resolve.removePhoto')}
                onClick={() => setPhotos((current) => current.filter((_, i) => i !== index))}
              >
                ×
              </View>
            )}
          </View>
        ))}
        {photos.length < maxAfterPhotos && !sending && (
          <View
            className="jf-photo jf-photo--add"
            data-testid="officer-resolve-add"
            onClick={() => void pick()}
          >
            <Text className="jf-of-photo__plus">📷</Text>
            <Text className="jf-muted jf-block">{t('officer.resolve.addPhoto')}</Text>
          </View>
        )}
      </View>
      {isH5 && (
        <input
          ref={fileInput}
          className="jf-file-input"
          type="file"
          accept="image/*"
          capture="environment"
          multiple
          data-testid="officer-resolve-input"
          onChange={(event) => {
            const files = Array.from(event.currentTarget.files ?? []);
            event.currentTarget.value = '';
            void photosFromFiles(files, maxAfterPhotos - photos.length).then((picked) =>
              add(picked.photos, picked.problem),
            );
          }}
        />
      )}
      {progress && (
        <View className="jf-of-progress" data-testid="officer-resolve-progress" data-percent={percent}>
          <View className="jf-progress__track">
            <View className="jf-progress__fill" style={{ width: `${percent}%` }} />
          </View>
          <Text className="jf-muted jf-center jf-of-center">
            {progress.stage === 'submitting'
              ? t('officer.resolve.submitting')
              : t('officer.resolve.uploading', { n: progress.photo, total: progress.photos, percent })}
          </Text>
        </View>
      )}
      {error && (
        <Text className="jf-error jf-block" data-testid="officer-resolve-error">
          {error}
        </Text>
      )}
      <Button
        className="jf-gap-top"
        data-testid="officer-resolve-submit"
        size="xlarge"
        block
        type="primary"
        loading={sending}
        onClick={() => void submit()}
      >
        {t('officer.resolve.submit')}
      </Button>
    </View>
  );
}
