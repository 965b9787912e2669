import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Image, Input, Text, Textarea, View } from '@tarojs/components';
import { Button, Loading } from '@nutui/nutui-react-taro';
import type { Category, ReportSubmission } from '@jiefang/contracts';
import { LargeTextToggle } from '../../../components/LargeTextToggle';
import { PageShell } from '../../../components/PageShell';
import { useSession } from '../../../components/useSession';
import { SubscribeTip } from '../../../features/notifications/SubscribeTip';
import { FieldError, ProgressBar, StatusBadge, SwitchRow } from '../../../features/report/components';
import {
  emptyFormValues,
  isDraftEditable,
  newDraft,
  shouldAutoRetry,
  type FieldErrors,
  type ReportDraft,
  type ReportFormValues,
  type ReportLocation,
} from '../../../features/report/draft';
import {
  descriptionLength,
  maxAddress,
  maxDescription,
  maxPhotos,
  validateReportForm,
} from '../../../features/report/form';
import { categoryIcon, type UploadProgress } from '../../../features/report/labels';
import { canPickOnMap, locateWgs84, pickOnMap } from '../../../features/report/location';
import { photosFromFiles } from '../../../features/report/photosH5';
import { pickWeappPhotos } from '../../../features/report/photosWeapp';
import {
  draftPhotos,
  previewPhotos,
  reportDrafts,
  reportSubmitter,
  reportsApi,
  type ShownPhoto,
} from '../../../features/report/reportServices';
import { streetChoices, type StreetChoice } from '../../../features/report/streets';
import { DETAIL_PAGE, MINE_PAGE } from '../../../features/report/routes';
import { t } from '../../../i18n';
import { messageOf } from '../../../services';
import '../report.scss';

const isH5 = process.env.TARO_ENV === 'h5';

type Loadable<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; message: string };

type Phase =
  | { kind: 'editing' }
  | { kind: 'sending'; progress: UploadProgress }
  | { kind: 'done'; submission: ReportSubmission };

type Locating = 'idle' | 'locating' | 'done' | 'refused';

function ResultView({ submission, onAgain }: { submission: ReportSubmission; onAgain: () => void }) {
  const title =
    submission.outcome === 'joined'
      ? t('report.result.joined')
      : submission.outcome === 'replayed'
        ? t('report.result.replayed')
        : t('report.result.created');
  const hint =
    submission.outcome === 'created'
      ? submission.streetName
        ? t('report.result.routed', { street: submission.streetName })
        : t('report.result.queued')
      : undefined;
  return (
    <View className="jf-card jf-result" data-testid="report-result" data-outcome={submission.outcome}>
      <View className="jf-result__icon">
        <View className="jf-result__check" />
      </View>
      <Text className="jf-result__title">{title}</Text>
      {hint && <Text className="jf-result__hint">{hint}</Text>}
      <View className="jf-result__ticket">
        <Text className="jf-result__category">
          {`${categoryIcon(submission.category)} ${submission.categoryName}`}
        </Text>
        <StatusBadge status={submission.status} />
      </View>
      {submission.reporterCount > 1 && (
        <Text className="jf-muted">{t('report.reporters', { n: submission.reporterCount })}</Text>
      )}
      <SubscribeTip ask="report" />
      <Button
        className="jf-result__button"
        data-testid="report-result-view"
        type="primary"
        size="xlarge"
        block
        onClick={() =>
          void Taro.redirectTo({ url: `${DETAIL_PAGE}?id=${encodeURIComponent(submission.id)}` })
        }
      >
        {t('report.result.view')}
      </Button>
      <Button
        className="jf-result__button"
        data-testid="report-result-again"
        size="xlarge"
        block
        fill="outline"
        onClick={onAgain}
      >
        {t('report.result.again')}
      </Button>
    </View>
  );
}

export default function ReportCreatePage() {
  const user = useSession();
  const userId = user?.user.id;
  const [categories, setCategories] = useState<Loadable<Category[]>>({ status: 'idle' });
  const [values, setValues] = useState<ReportFormValues>(emptyFormValues);
  const [photos, setPhotos] = useState<ShownPhoto[]>([]);
  const [locating, setLocating] = useState<Locating>('idle');
  const [streets, setStreets] = useState<Loadable<StreetChoice[]>>({ status: 'idle' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [draft, setDraft] = useState<ReportDraft | undefined>(undefined);
  const [phase, setPhase] = useState<Phase>({ kind: 'editing' });
  const [restored, setRestored] = useState(false);
  const fileInput = useRef<HTMLInputElement | null>(null);
  const draftRef = useRef<ReportDraft | undefined>(undefined);
  draftRef.current = draft;

  const locked = !isDraftEditable(draft);
  const sending = phase.kind === 'sending';
  const editable = !locked && !sending;

  const loadCategories = useCallback(async () => {
    setCategories({ status: 'loading' });
    try {
      setCategories({ status: 'ready', value: await reportsApi.categories() });
    } catch (error) {
      setCategories({ status: 'error', message: messageOf(error) });
    }
  }, []);

  const loadStreets = useCallback(async () => {
    setStreets({ status: 'loading' });
    try {
      setStreets({ status: 'ready', value: streetChoices(await reportsApi.district()) });
    } catch (error) {
      setStreets({ status: 'error', message: messageOf(error) });
    }
  }, []);

  const setLocation = (location: ReportLocation | null) => {
    setValues((current) => ({ ...current, location }));
    setErrors((current) => ({ ...current, location: undefined }));
  };

  const locate = useCallback(async () => {
    setLocating('locating');
    try {
      const location = await locateWgs84();
      setValues((current) => ({ ...current, location }));
      setErrors((current) => ({ ...current, location: undefined }));
      setLocating('done');
    } catch {
      setLocating('refused');
      void loadStreets();
    }
  }, [loadStreets]);

  /** Sends a draft (new or kept) and shows its outcome; the submitter keeps it if it fails. */
  const send = useCallback(async (toSend: ReportDraft) => {
    setDraft(toSend);
    setPhase({ kind: 'sending', progress: { stage: 'preparing' } });
    const result = await reportSubmitter.submit(toSend, (progress) =>
      setPhase({ kind: 'sending', progress }),
    );
    if (result.kind === 'done') {
      await draftPhotos.remove(toSend.photos.map((photo) => photo.ref));
      setDraft(undefined);
      setErrors({});
      setPhase({ kind: 'done', submission: result.submission });
      return;
    }
    setDraft(result.draft);
    setErrors(result.fieldErrors);
    setPhase({ kind: 'editing' });
  }, []);

  const retryIfDue = useCallback(() => {
    const current = draftRef.current;
    if (current && shouldAutoRetry(current) && !reportSubmitter.isSending(current.idempotencyKey)) {
      void send(current);
    }
  }, [send]);

  // Once: categories, then the kept draft (restored and, unless it was refused, sent again) or a fresh position.
  useEffect(() => {
    if (!userId) return;
    void loadCategories();
    const kept = reportDrafts.load(userId);
    if (!kept) {
      setRestored(true);
      void locate();
      return;
    }
    void (async () => {
      setValues(kept.values);
      setPhotos(await draftPhotos.restore(kept.photos));
      setDraft(kept);
      setErrors(kept.error?.fields ?? {});
      setLocating(kept.values.location ? 'done' : 'refused');
      if (kept.values.location?.source === 'street') void loadStreets();
      setRestored(true);
      if (shouldAutoRetry(kept)) void send(kept);
    })();
  }, [userId, loadCategories, loadStreets, locate, send]);

  // Network back: send a kept draft again.
  useEffect(() => {
    if (isH5) {
      const online = () => retryIfDue();
      window.addEventListener('online', online);
      return () => window.removeEventListener('online', online);
    }
    const listener = (result: { isConnected: boolean }) => {
      if (result.isConnected) retryIfDue();
    };
    Taro.onNetworkStatusChange(listener);
    return () => Taro.offNetworkStatusChange(listener);
  }, [retryIfDue]);

  // Back in the foreground (or back on this page): the same.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) retryIfDue();
    shown.current = true;
  });

  if (!user) return <PageShell>{null}</PageShell>;

  const update = <K extends keyof ReportFormValues>(key: K, value: ReportFormValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    const field = key === 'location' ? 'location' : key === 'anonymous' ? undefined : key;
    if (field) setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const addPhotos = async () => {
    if (!editable) return;
    const room = maxPhotos - photos.length;
    if (room <= 0) return;
    if (isH5) {
      fileInput.current?.click();
      return;
    }
    const picked = await pickWeappPhotos(room);
    if (!picked) return;
    setPhotos((current) => [...current, ...picked.photos].slice(0, maxPhotos));
    setErrors((current) => ({
      ...current,
      photos: picked.tooLarge > 0 ? t('report.photos.skippedLarge', { n: picked.tooLarge }) : undefined,
    }));
  };

  const onFiles = async (files: File[]) => {
    const room = maxPhotos - photos.length;
    const picked = await photosFromFiles(files, room);
    setPhotos((current) => [...current, ...picked.photos].slice(0, maxPhotos));
    setErrors((current) => ({ ...current, photos: picked.problem }));
  };

  const removePhoto = (index: number) => {
    const photo = photos[index];
    if (!photo || !editable) return;
    setPhotos((current) => current.filter((_, i) => i !== index));
    void draftPhotos.remove([photo.ref]);
  };

  const pickMap = async () => {
    const picked = await pickOnMap(values.location ?? undefined);
    if (!picked) return;
    setLocation(picked.location);
    setLocating('done');
    if (!values.address.trim()) update('address', picked.address.slice(0, maxAddress));
  };

  const submit = async () => {
    if (sending) return;
    if (draft && locked) {
      void send(draft);
      return;
    }
    const checked = validateReportForm(values, photos.length);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    // The same key for the whole life of a draft, including after the BFF refused it and it was edited.
    const key = draft?.idempotencyKey;
    const base = newDraft({ userId: user.user.id, values, photos, ...(key ? { key } : {}) });
    let kept;
    try {
      // Without the preview url; an edited draft keeps the upload ids its photos already have.
      kept = await draftPhotos.persist(
        photos.map(({ url: _preview, ...photo }) => photo),
        base.idempotencyKey,
      );
    } catch {
      setErrors({ photos: t('report.error.photoLost') });
      return;
    }
    setPhotos((current) => current.map((photo, i) => ({ ...photo, ref: kept[i]?.ref ?? photo.ref })));
    await send({ ...base, photos: kept, attempts: draft?.attempts ?? 0 });
  };

  const discard = async () => {
    const answer = await Taro.showModal({
      title: t('report.discard'),
      content: t('report.draft.locked'),
    }).catch(() => ({ confirm: false }));
    if (!answer.confirm) return;
    reportDrafts.clear(user.user.id);
    await draftPhotos.remove(photos.map((photo) => photo.ref));
    setDraft(undefined);
    setPhotos([]);
    setErrors({});
    setValues((current) => ({ ...emptyFormValues, location: current.location }));
  };

  const startAgain = () => {
    setPhase({ kind: 'editing' });
    setPhotos([]);
    setErrors({});
    setValues(emptyFormValues);
    void locate();
  };

  if (phase.kind === 'done') {
    return (
      <PageShell>
        <ResultView submission={phase.submission} onAgain={startAgain} />
        <Text className="jf-link jf-center" onClick={() => void Taro.redirectTo({ url: MINE_PAGE })}>
          {t('report.result.mine')}
        </Text>
      </PageShell>
    );
  }

  const urls = photos.map((photo) => photo.url).filter((url): url is string => !!url);
  const location = values.location;
  const showStreets = locating === 'refused' || location?.source === 'street' || streets.status !== 'idle';

  return (
    <PageShell>
      <View className="jf-topbar jf-topbar--page">
        <Text className="jf-title">{t('report.create.title')}</Text>
        <LargeTextToggle />
      </View>
      <Text className="jf-muted jf-block jf-intro">{t('report.create.intro')}</Text>

      {/* Only for a draft that was tried before: a first attempt shows just the progress bar. */}
      {draft && (draft.attempts > 0 || draft.error) && (locked || draft.error) && (
        <View className="jf-card jf-draft" data-testid="report-draft" data-state={draft.state}>
          <Text className="jf-draft__title">{t('report.draft.title')}</Text>
          {sending ? (
            <Text className="jf-draft__text">{t('report.draft.sending')}</Text>
          ) : draft.state === 'invalid' ? (
            <Text className="jf-draft__text">
              {errors.form ?? draft.error?.message ?? t('report.draft.invalid')}
            </Text>
          ) : (
            <>
              <Text className="jf-draft__text" data-testid="report-draft-error">
                {t('report.draft.failed', { message: draft.error?.message ?? t('error.network') })}
              </Text>
              <Text className="jf-draft__hint">{t('report.draft.auto')}</Text>
              <Text className="jf-draft__hint">{t('report.draft.locked')}</Text>
            </>
          )}
          {!sending && locked && (
            <View className="jf-draft__actions">
              <Button
                data-testid="report-retry"
                type="primary"
                size="xlarge"
                block
                onClick={() => void send(draft)}
              >
                {t('report.retry')}
              </Button>
              <Text className="jf-link jf-center" data-testid="report-discard" onClick={() => void discard()}>
                {t('report.discard')}
              </Text>
            </View>
          )}
        </View>
      )}

      {/* 现场照片 */}
      <View className="jf-card">
        <View className="jf-card__head">
          <Text className="jf-card__title">{t('report.photos.label')}</Text>
          <Text className="jf-muted">{t('report.photos.count', { n: photos.length, max: maxPhotos })}</Text>
        </View>
        <View className="jf-photos" data-testid="report-photos">
          {photos.map((photo, index) => (
            <View key={photo.ref} className="jf-photo" data-testid={`report-photo-${index}`}>
              {photo.url ? (
                <View
                  className="jf-photo__img-wrap"
                  onClick={() => previewPhotos(urls, urls.indexOf(photo.url!))}
                >
                  <Image className="jf-photo__img" src={photo.url} mode="aspectFill" />
                </View>
              ) : (
                <Text className="jf-photo__missing">{t('report.photos.missing')}</Text>
              )}
              {editable && (
                <View
                  className="jf-photo__remove"
                  data-testid={`report-photo-remove-${index}`}
                  ariaRole="button"
                  ariaLabel={t('report.photos.remove')}
                  onClick={() => removePhoto(index)}
                >
                  ×
                </View>
              )}
            </View>
          ))}
          {editable && photos.length < maxPhotos && (
            <View
              className="jf-photo jf-photo--add"
              data-testid="report-photo-add"
              onClick={() => void addPhotos()}
            >
              <Text className="jf-photo__plus">＋</Text>
              <Text className="jf-photo__add-label">{t('report.photos.add')}</Text>
            </View>
          )}
        </View>
        {process.env.TARO_ENV === 'h5' && (
          <input
            ref={fileInput}
            className="jf-file-input"
            type="file"
            accept="image/*"
            multiple
            data-testid="report-photo-input"
            disabled={!editable}
            onChange={(event) => {
              const files = Array.from(event.currentTarget.files ?? []);
              event.currentTarget.value = '';
              void onFiles(files);
            }}
          />
        )}
        <FieldError message={errors.photos} testId="report-error-photos" />
      </View>

      {/* 问题类型 */}
      <View className="jf-card">
        <Text className="jf-card__title">{t('report.category.label')}</Text>
        {categories.status === 'loading' && <Loading>{t('report.category.loading')}</Loading>}
        {categories.status === 'error' && (
          <View className="jf-inline-error">
            <Text>{`${t('report.category.loadFailed')}：${categories.message}`}</Text>
            <Text className="jf-link" onClick={() => void loadCategories()}>
              {t('report.retry')}
            </Text>
          </View>
        )}
        {categories.status === 'ready' && (
          <View className="jf-choices">
            {categories.value.map((category) => {
              const selected = values.category === category.code;
              return (
                <View
                  key={category.code}
                  className={`jf-category${selected ? ' jf-category--selected' : ''}`}
                  data-testid={`report-category-${category.code}`}
                  data-selected={selected ? 'true' : 'false'}
                  ariaRole="radio"
                  ariaLabel={category.name}
                  onClick={editable ? () => update('category', category.code) : undefined}
                >
                  <Text className="jf-category__icon">{categoryIcon(category.code)}</Text>
                  <Text className="jf-category__name">{category.name}</Text>
                </View>
              );
            })}
          </View>
        )}
        <FieldError message={errors.category} testId="report-error-category" />
      </View>

      {/* 位置 */}
      <View className="jf-card">
        <Text className="jf-card__title">{t('report.location.label')}</Text>
        <View className="jf-location" data-testid="report-location" data-source={location?.source ?? 'none'}>
          <Text className="jf-location__icon">📍</Text>
          <Text className="jf-location__text">
            {locating === 'locating'
              ? t('report.location.locating')
              : location?.source === 'gps'
                ? `${t('report.location.gps')}${
                    location.accuracy !== undefined && location.accuracy > 0
                      ? t('report.location.accuracy', { m: Math.round(location.accuracy) })
                      : ''
                  }`
                : location?.source === 'map'
                  ? t('report.location.map', { name: location.label ?? '' })
                  : location?.source === 'street'
                    ? t('report.location.street', { name: location.label ?? '' })
                    : canPickOnMap
                      ? t('report.location.refused')
                      : t('report.location.refusedH5')}
          </Text>
        </View>
        {editable && (
          <View className="jf-location__actions">
            <Text className="jf-pill" data-testid="report-locate" onClick={() => void locate()}>
              {t('report.location.relocate')}
            </Text>
            {canPickOnMap && (
              <Text className="jf-pill" data-testid="report-pick-map" onClick={() => void pickMap()}>
                {t('report.location.pickMap')}
              </Text>
            )}
            {!showStreets && (
              <Text className="jf-pill" data-testid="report-pick-street" onClick={() => void loadStreets()}>
                {t('report.location.pickStreet')}
              </Text>
            )}
          </View>
        )}
        {editable && showStreets && (
          <View className="jf-streets-pick">
            <Text className="jf-muted jf-block">{t('report.location.pickStreet')}</Text>
            {streets.status === 'loading' && (
              <Text className="jf-muted">{t('report.location.streetsLoading')}</Text>
            )}
            {streets.status === 'error' && (
              <View className="jf-inline-error">
                <Text>{`${t('report.location.streetsFailed')}：${streets.message}`}</Text>
                <Text className="jf-link" onClick={() => void loadStreets()}>
                  {t('report.retry')}
                </Text>
              </View>
            )}
            {streets.status === 'ready' && (
              <View className="jf-pills">
                {streets.value.map((street) => {
                  const selected = location?.source === 'street' && location.label === street.name;
                  return (
                    <Text
                      key={street.id}
                      className={selected ? 'jf-pill jf-pill--selected' : 'jf-pill'}
                      data-testid={`report-street-${street.id}`}
                      data-selected={selected ? 'true' : 'false'}
                      onClick={() => setLocation(street.location)}
                    >
                      {street.name}
                    </Text>
                  );
                })}
              </View>
            )}
          </View>
        )}
        <FieldError message={errors.location} testId="report-error-location" />

        <Text className="jf-label">{t('report.address.label')}</Text>
        <Input
          className="jf-field"
          nativeProps={{ 'data-testid': 'report-address' }}
          type="text"
          value={values.address}
          maxlength={maxAddress}
          disabled={!editable}
          placeholder={t('report.address.placeholder')}
          onInput={(event) => update('address', event.detail.value)}
        />
        <FieldError message={errors.address} testId="report-error-address" />
      </View>

      {/* 问题描述 */}
      <View className="jf-card">
        <View className="jf-card__head">
          <Text className="jf-card__title">{t('report.description.label')}</Text>
          <Text
            className={
              descriptionLength(values.description) > maxDescription
                ? 'jf-counter jf-counter--over'
                : 'jf-counter'
            }
            data-testid="report-description-count"
          >
            {t('report.description.count', { n: descriptionLength(values.description), max: maxDescription })}
          </Text>
        </View>
        <Textarea
          className="jf-textarea"
          nativeProps={{ 'data-testid': 'report-description' }}
          value={values.description}
          maxlength={maxDescription}
          disabled={!editable}
          placeholder={t('report.description.placeholder')}
          onInput={(event) => update('description', event.detail.value)}
        />
        <FieldError message={errors.description} testId="report-error-description" />
      </View>

      <View className="jf-card">
        <SwitchRow
          on={values.anonymous}
          onChange={(on) => update('anonymous', on)}
          label={t('report.anonymous.label')}
          hint={t('report.anonymous.hint')}
          testId="report-anonymous"
          disabled={!editable}
        />
      </View>

      {errors.form && !draft && (
        <View className="jf-error" data-testid="report-error-form">
          {errors.form}
        </View>
      )}

      {phase.kind === 'sending' && <ProgressBar progress={phase.progress} />}

      <Button
        className="jf-report-submit"
        data-testid="report-submit"
        type="primary"
        size="xlarge"
        block
        loading={sending}
        disabled={sending || !restored}
        onClick={() => void submit()}
      >
        {sending ? t('report.sending') : locked ? t('report.retry') : t('report.submit')}
      </Button>
    </PageShell>
  );
}
