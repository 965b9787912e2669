import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { rateRequestSchema, reasonRequestSchema, type Ticket } from '@jiefang/contracts';
import { DetailLayout } from '../../../components/DetailLayout';
import { PageShell } from '../../../components/PageShell';
import { useActionRunner } from '../../../components/useActionRunner';
import { useLoadable } from '../../../components/useLoadable';
import { useSession } from '../../../components/useSession';
import { PhotoThumbs, StatusBadge, Stars, Timeline } from '../../../features/report/components';
import {
  categoryIcon,
  closureSentence,
  formatTime,
  ticketAffordances,
} from '../../../features/report/labels';
import { detailUrl } from '../../../features/report/routes';
import { previewPhotos, reportsApi } from '../../../features/report/reportServices';
import { t } from '../../../i18n';
import { useLiveRefresh } from '../../../live/useLiveRefresh';
import '../report.scss';

const openStatuses = new Set(['dispatch_queue', 'assigned', 'accepted', 'reopened']);

function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <View className="jf-row">
      <Text className="jf-row__key">{label}</Text>
      <Text className="jf-row__value" data-testid={testId}>
        {value}
      </Text>
    </View>
  );
}

function Photos({ refs, testId }: { refs: Ticket['photos']; testId: string }) {
  const full = refs.map((photo) => reportsApi.photoUrl(photo.url));
  return (
    <PhotoThumbs
      testId={testId}
      urls={refs.map((photo) => reportsApi.photoUrl(photo.thumbnailUrl))}
      onPreview={(index) => previewPhotos(full, index)}
    />
  );
}

/** 确认解决 / 重新打开 / 评价, as far as the ticket allows them now. */
function Actions({
  ticket,
  now,
  onChanged,
}: {
  ticket: Ticket;
  now: number;
  onChanged: (ticket: Ticket) => void;
}) {
  const allowed = ticketAffordances(ticket, now);
  const { busy, error, setError, run } = useActionRunner<'confirm' | 'reopen' | 'rate', Ticket>(onChanged);
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');

  const confirm = () => run('confirm', () => reportsApi.confirm(ticket.id), t('report.confirm.done'));

  const reopen = () => {
    const parsed = reasonRequestSchema.safeParse({ reason });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? t('report.reopen.reason'));
      return;
    }
    void run('reopen', () => reportsApi.reopen(ticket.id, parsed.data.reason), t('report.reopen.done')).then(
      (done) => done && setReopening(false),
    );
  };

  const rate = () => {
    const parsed = rateRequestSchema.safeParse({ score, comment });
    if (!parsed.success) {
      setError(t('report.rate.choose'));
      return;
    }
    void run('rate', () => reportsApi.rate(ticket.id, parsed.data), t('report.rate.done'));
  };

  const nothing = !allowed.confirm && allowed.reopen.kind === 'none' && !allowed.rate && !ticket.rating;
  if (nothing) return null;

  return (
    <View className="jf-card jf-actions" data-testid="report-actions">
      {allowed.confirm && (
        <View className="jf-action">
          <Text className="jf-action__hint">{t('report.confirm.hint')}</Text>
          <Button
            data-testid="report-confirm"
            type="primary"
            size="xlarge"
            block
            loading={busy === 'confirm'}
            onClick={() => void confirm()}
          >
            {t('report.confirm')}
          </Button>
        </View>
      )}

      {allowed.reopen.kind === 'allowed' && (
        <View className="jf-action">
          <Text className="jf-action__hint">
            {t('report.reopen.hint', {
              until: formatTime(new Date(allowed.reopen.until).toISOString(), now),
            })}
          </Text>
          {reopening ? (
            <>
              <Textarea
                className="jf-textarea jf-textarea--short"
                nativeProps={{ 'data-testid': 'report-reopen-reason' }}
                value={reason}
                maxlength={200}
                placeholder={t('report.reopen.reason')}
                onInput={(event) => setReason(event.detail.value)}
              />
              <View className="jf-action__row">
                <Button
                  data-testid="report-reopen-submit"
                  type="danger"
                  size="large"
                  loading={busy === 'reopen'}
                  onClick={reopen}
                >
                  {t('report.reopen.submit')}
                </Button>
                <Text className="jf-link" onClick={() => setReopening(false)}>
                  {t('report.reopen.cancel')}
                </Text>
              </View>
            </>
          ) : (
            <Button
              data-testid="report-reopen"
              size="xlarge"
              block
              fill="outline"
              onClick={() => {
                setError(undefined);
                setReopening(true);
              }}
            >
              {t('report.reopen')}
            </Button>
          )}
        </View>
      )}
      {allowed.reopen.kind === 'expired' && (
        <Text className="jf-action__hint" data-testid="report-reopen-expired">
          {t('report.reopen.expired')}
        </Text>
      )}

      {allowed.rate && (
        <View className="jf-action" data-testid="report-rate">
          <Text className="jf-card__title">{t('report.rate.title')}</Text>
          <Stars value={score} onChange={setScore} />
          <Textarea
            className="jf-textarea jf-textarea--short"
            nativeProps={{ 'data-testid': 'report-rate-comment' }}
            value={comment}
            maxlength={300}
            placeholder={t('report.rate.comment')}
            onInput={(event) => setComment(event.detail.value)}
          />
          <Button
            data-testid="report-rate-submit"
            type="primary"
            size="xlarge"
            block
            loading={busy === 'rate'}
            onClick={rate}
          >
            {t('report.rate.submit')}
          </Button>
        </View>
      )}
      {ticket.rating && (
        <View className="jf-action" data-testid="report-rating">
          <Text className="jf-card__title">{t('report.rate.yours')}</Text>
          <Stars value={ticket.rating.score} />
          {ticket.rating.comment && <Text className="jf-block">{ticket.rating.comment}</Text>}
        </View>
      )}

      {error && (
        <View className="jf-error" data-testid="report-action-error">
          {error}
        </View>
      )}
    </View>
  );
}

export default function ReportDetailPage() {
  const user = useSession();
  const router = useRouter();
  const id = router.params.id ?? '';
  const detail = useLoadable(() => reportsApi.get(id), [id], {
    enabled: !!user,
    auto: false,
    refreshFailure: 'show',
  });
  // Loads on show and whenever the user's tickets change (the officer accepts, arrives, resolves).
  useLiveRefresh(() => detail.load(), ['ticket']);

  usePullDownRefresh(() => {
    void detail.refresh().finally(() => void Taro.stopPullDownRefresh());
  });

  if (!user) return <PageShell>{null}</PageShell>;

  return (
    <DetailLayout
      state={detail.state}
      onRetry={() => void detail.reload()}
      testId="report-detail"
      loadingText={t('report.detail.loading')}
    >
      {(ticket, now) => <TicketDetail ticket={ticket} now={now} onChanged={detail.set} />}
    </DetailLayout>
  );
}

function TicketDetail({
  ticket,
  now,
  onChanged,
}: {
  ticket: Ticket;
  now: number;
  onChanged: (ticket: Ticket) => void;
}) {
  const promise = openStatuses.has(ticket.status) ? ticket.deadlines.breachAt : undefined;

  return (
    <>
      <View className="jf-card jf-summary" data-testid="report-detail" data-ticket-id={ticket.id}>
        <View className="jf-card__head">
          <Text className="jf-summary__category">{`${categoryIcon(ticket.category)} ${ticket.categoryName}`}</Text>
          <StatusBadge status={ticket.status} testId="report-status" />
        </View>
        {promise && (
          <Text className={ticket.slaBreached ? 'jf-promise jf-promise--late' : 'jf-promise'}>
            {ticket.slaBreached
              ? t('report.detail.overdue')
              : t('report.detail.promise', { time: formatTime(promise, now) })}
          </Text>
        )}
        <Row label={t('report.detail.reportedAt')} value={formatTime(ticket.reportedAt, now)} />
        <Row label={t('report.detail.street')} value={ticket.streetName ?? t('report.detail.streetNone')} />
        {ticket.address && <Row label={t('report.detail.address')} value={ticket.address} />}
        {ticket.reporterCount > 1 && (
          <Row label="" value={t('report.reporters', { n: ticket.reporterCount })} />
        )}
        {ticket.description && (
          <Text className="jf-summary__desc" data-testid="report-detail-description">
            {ticket.description}
          </Text>
        )}
        <Photos refs={ticket.photos} testId="report-photos" />
        <Text className="jf-muted jf-block">{t('report.detail.id', { id: ticket.id.slice(-8) })}</Text>
      </View>

      {ticket.resolution && (
        <View className="jf-card" data-testid="report-resolution">
          <Text className="jf-card__title">
            {ticket.status === 'resolved' || ticket.status === 'confirmed'
              ? t('report.detail.resolution')
              : t('report.detail.previousResolution')}
          </Text>
          <Text className="jf-block">{ticket.resolution.note}</Text>
          <Row label={t('report.detail.resolvedAt')} value={formatTime(ticket.resolution.at, now)} />
          {ticket.resolution.photos.length > 0 && (
            <>
              <Text className="jf-label">{t('report.detail.afterPhotos')}</Text>
              <Photos refs={ticket.resolution.photos} testId="report-after-photos" />
            </>
          )}
        </View>
      )}

      {ticket.closure && (
        <View className="jf-card" data-testid="report-closure">
          <Text className="jf-card__title">{t('report.closure.title')}</Text>
          <Text className="jf-block" data-testid="report-closure-sentence">
            {closureSentence(ticket.closure)}
          </Text>
          <Text className="jf-block" data-testid="report-closure-reason">
            {t('report.closure.reason', { reason: ticket.closure.reason })}
          </Text>
          <Row label={t('report.closure.at')} value={formatTime(ticket.closure.at, now)} />
          {ticket.closure.duplicateOfId && (
            <Button
              data-testid="report-closure-open-duplicate"
              size="large"
              block
              onClick={() => void Taro.navigateTo({ url: detailUrl(ticket.closure?.duplicateOfId ?? '') })}
            >
              {t('report.closure.openDuplicate')}
            </Button>
          )}
          <Text className="jf-muted jf-block">{t('report.closure.again')}</Text>
        </View>
      )}

      <Actions key={`${ticket.id}-${ticket.version}`} ticket={ticket} now={now} onChanged={onChanged} />

      <View className="jf-card">
        <Text className="jf-card__title">{t('report.detail.timeline')}</Text>
        <Timeline entries={ticket.timeline} now={now} />
      </View>
    </>
  );
}
