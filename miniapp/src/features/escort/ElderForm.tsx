import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { Button, Loading } from '@nutui/nutui-react-taro';
import { elderNeeds, type Elder } from '@jiefang/contracts';
import { ApiError } from '../../api/client';
import { t } from '../../i18n';
import { messageOf } from '../../services';
import { canPickOnMap, pickOnMap } from '../report/location';
import type { StreetChoice } from '../report/streets';
import { Chip, FieldError } from './components';
import { escortsApi, loadStreets, locateHere } from './escortServices';
import {
  elderErrorsFromFields,
  emptyElderForm,
  toggle,
  validateElderForm,
  type ElderField,
  type ElderFormValues,
  type PlacePoint,
} from './forms';
import { needLabel } from './labels';

type Streets =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; items: StreetChoice[] }
  | { status: 'error'; message: string };

/** 添加老人: who they are, how to reach them, where they live (a point too), and what they need. */
export function ElderForm({ onAdded, onCancel }: { onAdded: (elder: Elder) => void; onCancel?: () => void }) {
  const [values, setValues] = useState<ElderFormValues>(emptyElderForm);
  const [errors, setErrors] = useState<Partial<Record<ElderField, string>>>({});
  const [busy, setBusy] = useState(false);
  const [locating, setLocating] = useState(false);
  const [streets, setStreets] = useState<Streets>({ status: 'idle' });

  const update = <K extends keyof ElderFormValues>(key: K, value: ElderFormValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    const field: ElderField = key === 'location' ? 'location' : key;
    setErrors((current) => ({ ...current, [field]: undefined, form: undefined }));
  };

  const setPlace = (location: PlacePoint) => update('location', location);

  const showStreets = async () => {
    setStreets({ status: 'loading' });
    try {
      setStreets({ status: 'ready', items: await loadStreets() });
    } catch (error) {
      setStreets({ status: 'error', message: messageOf(error) });
    }
  };

  const locate = async () => {
    setLocating(true);
    try {
      const here = await locateHere();
      setPlace({ lat: here.lat, lng: here.lng, source: 'gps' });
    } catch {
      setErrors((current) => ({ ...current, location: t('escort.elder.locateFailed') }));
      if (streets.status === 'idle') void showStreets();
    } finally {
      setLocating(false);
    }
  };

  const pickMap = async () => {
    const picked = await pickOnMap(
      values.location ? { lat: values.location.lat, lng: values.location.lng, source: 'map' } : undefined,
    );
    if (!picked) return;
    setPlace({
      lat: picked.location.lat,
      lng: picked.location.lng,
      source: 'map',
      label: picked.location.label,
    });
    if (!values.address.trim()) update('address', picked.address.slice(0, 120));
  };

  const submit = async () => {
    if (busy) return;
    const checked = validateElderForm(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      onAdded(await escortsApi.addElder(checked.request));
    } catch (error) {
      if (error instanceof ApiError && error.isAuthFailure) return;
      const fields = error instanceof ApiError ? elderErrorsFromFields(error.details) : {};
      setErrors(Object.keys(fields).length > 0 ? fields : { form: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };

  const location = values.location;
  const placeText = locating
    ? t('escort.elder.locating')
    : location?.source === 'gps'
      ? t('escort.elder.place.gps')
      : location?.source === 'map'
        ? t('escort.elder.place.map', { name: location.label ?? '' })
        : location?.source === 'street'
          ? t('escort.elder.place.street', { name: location.label ?? '' })
          : t('escort.elder.place.none');

  return (
    <View className="jf-es-elder-form" data-testid="elder-form">
      <Text className="jf-label">{t('escort.elder.name')}</Text>
      <Input
        className="jf-field"
        nativeProps={{ 'data-testid': 'elder-name' }}
        value={values.name}
        maxlength={40}
        placeholder={t('escort.elder.name.placeholder')}
        onInput={(event) => update('name', event.detail.value)}
      />
      <FieldError message={errors.name} testId="elder-error-name" />

      <Text className="jf-label">{t('escort.elder.phone')}</Text>
      <Input
        className="jf-field"
        nativeProps={{ 'data-testid': 'elder-phone' }}
        type="text"
        value={values.phone}
        maxlength={20}
        placeholder={t('escort.elder.phone.placeholder')}
        onInput={(event) => update('phone', event.detail.value)}
      />
      <FieldError message={errors.phone} testId="elder-error-phone" />

      <Text className="jf-label">{t('escort.elder.address')}</Text>
      <Input
        className="jf-field"
        nativeProps={{ 'data-testid': 'elder-address' }}
        value={values.address}
        maxlength={120}
        placeholder={t('escort.elder.address.placeholder')}
        onInput={(event) => update('address', event.detail.value)}
      />
      <FieldError message={errors.address} testId="elder-error-address" />

      <Text className="jf-label">{t('escort.elder.place')}</Text>
      <Text className="jf-muted jf-block" data-testid="elder-place" data-source={location?.source ?? 'none'}>
        {`📍 ${placeText}`}
      </Text>
      <View className="jf-choices jf-es-chips">
        <Chip selected={location?.source === 'gps'} testId="elder-locate" onClick={() => void locate()}>
          {t('escort.elder.locate')}
        </Chip>
        {canPickOnMap && (
          <Chip selected={location?.source === 'map'} testId="elder-pick-map" onClick={() => void pickMap()}>
            {t('escort.elder.pickMap')}
          </Chip>
        )}
        {streets.status === 'idle' && (
          <Chip selected={false} testId="elder-pick-street" onClick={() => void showStreets()}>
            {t('escort.elder.pickStreet')}
          </Chip>
        )}
      </View>
      {streets.status === 'loading' && <Loading>{t('escort.loading')}</Loading>}
      {streets.status === 'error' && (
        <View className="jf-inline-error">
          <Text>{`${t('escort.loadFailed')}：${streets.message}`}</Text>
          <Text className="jf-link" onClick={() => void showStreets()}>
            {t('escort.retry')}
          </Text>
        </View>
      )}
      {streets.status === 'ready' && (
        <View className="jf-choices jf-es-chips">
          {streets.items.map((street) => (
            <Chip
              key={street.id}
              selected={location?.source === 'street' && location.label === street.name}
              testId={`elder-street-${street.id}`}
              onClick={() =>
                setPlace({
                  lat: street.location.lat,
                  lng: street.location.lng,
                  source: 'street',
                  label: street.name,
                })
              }
            >
              {street.name}
            </Chip>
          ))}
        </View>
      )}
      <FieldError message={errors.location} testId="elder-error-location" />

      <Text className="jf-label">{t('escort.elder.needs')}</Text>
      <View className="jf-choices jf-es-chips">
        {elderNeeds.map((need) => (
          <Chip
            key={need}
            selected={values.needs.includes(need)}
            testId={`elder-need-${need}`}
            onClick={() => update('needs', toggle(values.needs, need))}
          >
            {needLabel(need)}
          </Chip>
        ))}
      </View>

      {errors.form && (
        <View className="jf-error" data-testid="elder-error-form">
          {errors.form}
        </View>
      )}
      <Button
        className="jf-gap-top"
        data-testid="elder-submit"
        type="primary"
        size="xlarge"
        block
        loading={busy}
        onClick={() => void submit()}
      >
        {t('escort.elder.submit')}
      </Button>
      {onCancel && (
        <Text className="jf-link jf-center" data-testid="elder-cancel" onClick={onCancel}>
          {t('escort.cancelAction')}
        </Text>
      )}
    </View>
  );
}
