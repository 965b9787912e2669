import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Image, Input, Text, Textarea, View } from '@tarojs/components';
import { Button, Loading } from '@nutui/nutui-react-taro';
import {
  categoryIconGlyphs,
  type Category,
  type DistrictMap,
  type LatLng,
  type NearbyReport,
  type TileSource,
} from '@jiefang/contracts';
import { MapPicker } from '../../../components/map/MapPicker';
import { LargeTextToggle } from '../../../components/LargeTextToggle';
import { PageShell } from '../../../components/PageShell';
import { useSession } from '../../../components/useSession';
import { FieldError, ProgressBar, SwitchRow } from '../../../features/report/components';
import {
  emptyFormValues,
  isDraftEditable,
  newDraft,
  newIdempotencyKey,
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
import { nearbyRows } from '../../../features/report/nearby';
import { pinApi } from '../../../features/report/pinApi';
import { placeOfPin } from '../../../features/report/pinPlace';
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
import { resultUrl } from '../../../features/report/routes';
import { t } from '../../../i18n';
import { messageOf } from '../../../services';
import '../report.scss';

const isH5 = process.env.TARO_ENV === 'h5';

type Loadable<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; message: string };

type Phase = { kind: 'editing' } | { kind: 'sending'; progress: UploadProgress };

/** Where the map starts before any fix: 广州塔南广场, in the middle of the demo district. */
const districtCentre: LatLng = { lat: 23.1066, lng: 113.3245 };

type Locating = 'idle' | 'locating' | 'done' | 'refused';

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
  const [district, setDistrict] = useState<DistrictMap | null>(null);
  const [tiles, setTiles] = useState<TileSource | null>(null);
  const [gpsFix, setGpsFix] = useState<ReportLocation | null>(null);
  const [nearby, setNearby] = useState<Loadable<NearbyReport[]>>({ status: 'idle' });
  const [joining, setJoining] = useState<{ id: string; error?: string } | null>(null);
  const [geocoding, setGeocoding] = useState(false);
  /** The address was filled from the pin (or is empty): a new pin may replace it; typed text stays. */
  const addressFromPin = useRef(true);
  /** One Idempotency-Key per ticket joined, so a retried tap joins once. */
  const joinKeys = useRef(new Map<string, string>());
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
      const map = await reportsApi.district();
      setDistrict(map);
      setStreets({ status: 'ready', value: streetChoices(map) });
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
      setGpsFix(location);
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
      setPhase({ kind: 'editing' });
      void Taro.redirectTo({ url: resultUrl(result.submission.id, result.submission.outcome) });
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

  // The map's outlines (also the street choices) and tiles, once.
  useEffect(() => {
    if (!userId) return;
    void pinApi.tiles().then(setTiles);
    void reportsApi
      .district()
      .then(setDistrict)
      .catch(() => undefined);
  }, [userId]);

  // Wherever the pin lands: the address under it (unless typed) and the open tickets near it.
  const pinLat = values.location?.lat;
  const pinLng = values.location?.lng;
  const pinSource = values.location?.source;
  const category = values.category;
  useEffect(() => {
    if (!userId || pinLat === undefined || pinLng === undefined) return undefined;
    let current = true;
    const point = { lat: pinLat, lng: pinLng };
    if (pinSource !== 'street' && addressFromPin.current) {
      setGeocoding(true);
      void pinApi.addressAt(point).then((address) => {
        if (!current) return;
        setGeocoding(false);
        if (address && addressFromPin.current) {
          setValues((form) => ({ ...form, address: address.slice(0, maxAddress) }));
        }
      });
    }
    setNearby((shown) => (shown.status === 'ready' ? shown : { status: 'loading' }));
    pinApi
      .nearby(point, null)
      .then((items) => current && setNearby({ status: 'ready', value: items }))
      .catch((error: unknown) => current && setNearby({ status: 'error', message: messageOf(error) }));
    return () => {
      current = false;
      setGeocoding(false);
    };
  }, [userId, pinLat, pinLng, pinSource]);

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

  const onPick = (point: LatLng) => {
    const place = district ? placeOfPin(district, point) : null;
    setLocation({ lat: point.lat, lng: point.lng, source: 'map', label: place?.streetName ?? undefined });
    setLocating('done');
  };

  const join = async (ticketId: string) => {
    const at = values.location;
    if (!at || joining) return;
    const key = joinKeys.current.get(ticketId) ?? newIdempotencyKey();
    joinKeys.current.set(ticketId, key);
    setJoining({ id: ticketId });
    try {
      const joined = await pinApi.join(
        ticketId,
        {
          lat: Math.round(at.lat * 1e6) / 1e6,
          lng: Math.round(at.lng * 1e6) / 1e6,
          ...(at.accuracy !== undefined ? { accuracy: Math.round(at.accuracy) } : {}),
          address: values.address.trim().slice(0, maxAddress),
          description: values.description.trim().slice(0, maxDescription),
          anonymous: values.anonymous,
        },
        key,
      );
      setJoining(null);
      void Taro.redirectTo({ url: resultUrl(joined.id, joined.outcome) });
    } catch (error) {
      setJoining({ id: ticketId, error: t('report.nearby.joinFailed', { message: messageOf(error) }) });
    }
  };

  const urls = photos.map((photo) => photo.url).filter((url): url is string => !!url);
  const location = values.location;
  const place = location && district ? placeOfPin(district, location) : null;
  const rows = nearby.status === 'ready' ? nearbyRows(nearby.value, category, new Date()) : [];
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

      {/* 位置: the map first (随手拍 starts from where the problem is) */}
      <View className="jf-card">
        <Text className="jf-card__title">{t('report.map.label')}</Text>
        <Text className="jf-muted jf-block">{t('report.map.hint')}</Text>
        <MapPicker
          value={location ? { lat: location.lat, lng: location.lng } : null}
          fallbackCentre={(district && streetChoices(district)[0]?.location) || districtCentre}
          gps={gpsFix}
          district={district}
          tiles={tiles}
          onPick={onPick}
          disabled={!editable}
        />
        <View className="jf-location" data-testid="report-location" data-source={location?.source ?? 'none'}>
          <Text className="jf-location__icon">📍</Text>
          <View className="jf-location__text">
            <Text className="jf-block" data-testid="report-place">
              {locating === 'locating'
                ? t('report.location.locating')
                : !location
                  ? canPickOnMap
                    ? t('report.location.refused')
                    : t('report.map.noGps')
                  : place?.streetName
                    ? [
                        place.streetName,
                        place.gridName && place.community
                          ? t('report.map.grid', { grid: place.gridName, community: place.community })
                          : place.gridName,
                      ]
                        .filter(Boolean)
                        .join(' · ')
                    : place?.ambiguous
                      ? t('report.map.ambiguous')
                      : district
                        ? t('report.map.outside')
                        : location.source === 'street'
                          ? t('report.location.street', { name: location.label ?? '' })
                          : t('report.location.gps')}
            </Text>
            {location?.source === 'gps' && location.accuracy !== undefined && location.accuracy > 0 && (
              <Text className="jf-muted jf-block" data-testid="report-accuracy">
                {t('report.map.accuracy', { m: Math.round(location.accuracy) })}
              </Text>
            )}
            {!tiles && district && isH5 && (
              <Text className="jf-muted jf-block">{t('report.map.offline')}</Text>
            )}
          </View>
        </View>
        {editable && (
          <View className="jf-location__actions">
            <Text className="jf-pill" data-testid="report-locate" onClick={() => void locate()}>
              {t('report.map.recentre')}
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
          onInput={(event) => {
            addressFromPin.current = event.detail.value.trim() === '';
            update('address', event.detail.value);
          }}
        />
        {geocoding ? (
          <Text className="jf-muted jf-block">{t('report.address.geocoding')}</Text>
        ) : (
          addressFromPin.current &&
          values.address !== '' && (
            <Text className="jf-muted jf-block" data-testid="report-address-auto">
              {t('report.address.fromMap')}
            </Text>
          )
        )}
        <FieldError message={errors.address} testId="report-error-address" />
      </View>

      {/* 附近已有人反映: join instead of reporting the same thing again */}
      {nearby.status === 'ready' && rows.length > 0 && (
        <View className="jf-card jf-nearby" data-testid="report-nearby">
          <Text className="jf-card__title">{t('report.nearby.title')}</Text>
          <Text className="jf-muted jf-block">{t('report.nearby.hint')}</Text>
          {rows.map((row) => (
            <View key={row.id} className="jf-nearby__row" data-testid={`report-nearby-${row.id}`}>
              <View className="jf-nearby__text">
                <Text className="jf-nearby__title">{`${categoryIcon(row.category)} ${row.title}`}</Text>
                <Text className="jf-muted jf-block">{`${row.distance} · ${row.detail}`}</Text>
              </View>
              {row.canJoin ? (
                <Button
                  className="jf-nearby__join"
                  data-testid={`report-nearby-join-${row.id}`}
                  type="primary"
                  size="small"
                  loading={joining?.id === row.id && !joining.error}
                  disabled={!!joining && !joining.error}
                  onClick={() => void join(row.id)}
                >
                  {joining?.id === row.id && !joining.error
                    ? t('report.nearby.joining')
                    : t('report.nearby.join')}
                </Button>
              ) : (
                <Text className="jf-badge">{t('report.nearby.mine')}</Text>
              )}
            </View>
          ))}
          {joining?.error && <FieldError message={joining.error} testId="report-nearby-error" />}
        </View>
      )}
      {nearby.status === 'loading' && (
        <Text className="jf-muted jf-block jf-center">{t('report.nearby.loading')}</Text>
      )}
      {nearby.status === 'error' && (
        <Text className="jf-muted jf-block jf-center">{t('report.nearby.failed')}</Text>
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
                  <Text className="jf-category__icon">{categoryIconGlyphs[category.icon]}</Text>
                  <Text className="jf-category__name">{category.name}</Text>
                </View>
              );
            })}
          </View>
        )}
        <FieldError message={errors.category} testId="report-error-category" />
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
