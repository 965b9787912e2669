import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button, Loading } from '@nutui/nutui-react-taro';
import { volunteerSkills, type Volunteer } from '@jiefang/contracts';
import { ApiError } from '../../../api/client';
import { LargeTextToggle } from '../../../components/LargeTextToggle';
import { ErrorBox, LoadingBox } from '../../../components/LoadStates';
import { PageShell } from '../../../components/PageShell';
import { useSession } from '../../../components/useSession';
import { Chip, FieldError } from '../../../features/escort/components';
import { escortsApi, loadStreets, locateHere } from '../../../features/escort/escortServices';
import {
  dayPeriodOrder,
  dayPeriods,
  emptyVolunteerForm,
  radiusChoices,
  toggle,
  validateVolunteerForm,
  volunteerErrorsFromFields,
  volunteerToForm,
  weekdayOrder,
  type VolunteerField,
  type VolunteerFormValues,
} from '../../../features/escort/forms';
import { skillLabel } from '../../../features/escort/labels';
import { ESCORT_OPEN_PAGE } from '../../../features/escort/routes';
import { weekdayLabel } from '../../../features/escort/time';
import type { StreetChoice } from '../../../features/report/streets';
import { t } from '../../../i18n';
import { messageOf } from '../../../services';
import '../escort.scss';

type Loadable<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; message: string };

const periodKeys = {
  morning: 'escort.period.morning',
  afternoon: 'escort.period.afternoon',
  evening: 'escort.period.evening',
} as const;

export default function VolunteerRegisterPage() {
  const user = useSession();
  const [existing, setExisting] = useState<Loadable<Volunteer | null>>({ status: 'loading' });
  const [streets, setStreets] = useState<Loadable<StreetChoice[]>>({ status: 'loading' });
  const [values, setValues] = useState<VolunteerFormValues>(emptyVolunteerForm);
  const [errors, setErrors] = useState<Partial<Record<VolunteerField, string>>>({});
  const [busy, setBusy] = useState(false);
  const [locating, setLocating] = useState(false);
  const [saved, setSaved] = useState<Volunteer | undefined>(undefined);

  const loadExisting = useCallback(async () => {
    setExisting({ status: 'loading' });
    try {
      const volunteer = await escortsApi.volunteerMe();
      setExisting({ status: 'ready', value: volunteer });
      if (volunteer) setValues(volunteerToForm(volunteer));
      else if (user) {
        // New volunteers start from their sign-in name and street.
        setValues((current) => ({
          ...current,
          realName: current.realName || user.user.name,
          streetId: current.streetId ?? user.user.streetId ?? null,
        }));
      }
    } catch (error) {
      if (error instanceof ApiError && error.isAuthFailure) return;
      setExisting({ status: 'error', message: messageOf(error) });
    }
  }, [user]);

  const fetchStreets = useCallback(async () => {
    setStreets({ status: 'loading' });
    try {
      setStreets({ status: 'ready', value: await loadStreets() });
    } catch (error) {
      if (error instanceof ApiError && error.isAuthFailure) return;
      setStreets({ status: 'error', message: messageOf(error) });
    }
  }, []);

  useEffect(() => {
    if (!user) return;
    void loadExisting();
    void fetchStreets();
  }, [user, loadExisting, fetchStreets]);

  // A street chosen (or preset) without a centre yet gets the street's centre.
  useEffect(() => {
    if (!values.streetId || values.centre || streets.status !== 'ready') return;
    const street = streets.value.find((item) => item.id === values.streetId);
    if (street) {
      setValues((current) => ({
        ...current,
        centre: { lat: street.location.lat, lng: street.location.lng, source: 'street', label: street.name },
      }));
    }
  }, [values.streetId, values.centre, streets]);

  if (!user) return <PageShell>{null}</PageShell>;

  const update = <K extends keyof VolunteerFormValues>(
    key: K,
    value: VolunteerFormValues[K],
    field?: VolunteerField,
  ) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({
      ...current,
      ...(field ? { [field]: undefined } : {}),
      availability: undefined,
      form: undefined,
    }));
  };

  const centreOnMe = async () => {
    setLocating(true);
    try {
      const here = await locateHere();
      update('centre', { lat: here.lat, lng: here.lng, source: 'gps' }, 'street');
    } catch {
      setErrors((current) => ({ ...current, street: t('escort.volunteer.locateFailed') }));
    } finally {
      setLocating(false);
    }
  };

  const submit = async () => {
    if (busy) return;
    const checked = validateVolunteerForm(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const volunteer = await escortsApi.register(checked.request);
      setSaved(volunteer);
      setExisting({ status: 'ready', value: volunteer });
    } catch (error) {
      if (error instanceof ApiError && error.isAuthFailure) return;
      const fields = error instanceof ApiError ? volunteerErrorsFromFields(error.details) : {};
      setErrors(Object.keys(fields).length > 0 ? fields : { form: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };

  const header = (
    <View className="jf-page-head">
      <Text className="jf-title">{t('escort.volunteer.title')}</Text>
      <LargeTextToggle />
    </View>
  );

  if (saved) {
    return (
      <PageShell>
        {header}
        <View
          className="jf-card jf-es-result"
          data-testid="volunteer-saved"
          data-verified={saved.verified ? 'true' : 'false'}
        >
          <Text className="jf-es-result__icon">{saved.verified ? '✅' : '⏳'}</Text>
          <Text className="jf-es-result__title">{t('escort.volunteer.saved')}</Text>
          <Text className="jf-es-result__hint">
            {saved.verified ? t('escort.volunteer.verified') : t('escort.volunteer.pending')}
          </Text>
          <Button
            className="jf-gap-top"
            data-testid="volunteer-go-open"
            type="primary"
            size="xlarge"
            block
            onClick={() => void Taro.redirectTo({ url: ESCORT_OPEN_PAGE })}
          >
            {t('entry.escort.open.title')}
          </Button>
        </View>
      </PageShell>
    );
  }

  if (existing.status === 'loading') {
    return (
      <PageShell>
        {header}
        <LoadingBox testId="volunteer-form-loading" text={t('escort.loading')} />
      </PageShell>
    );
  }
  if (existing.status === 'error') {
    return (
      <PageShell>
        {header}
        <ErrorBox
          testId="volunteer-form-error"
          message={existing.message}
          onRetry={() => void loadExisting()}
        />
      </PageShell>
    );
  }

  const registered = existing.value;
  const streetList = streets.status === 'ready' ? streets.value : [];
  const centre = values.centre;

  return (
    <PageShell>
      {header}
      <Text className="jf-muted jf-block jf-es-intro">{t('escort.volunteer.intro')}</Text>
      {registered && (
        <View
          className={registered.verified ? 'jf-card jf-es-notice jf-es-notice--ok' : 'jf-card jf-es-notice'}
          data-testid="volunteer-status"
          data-verified={registered.verified ? 'true' : 'false'}
        >
          <Text>{registered.verified ? t('escort.volunteer.verified') : t('escort.volunteer.pending')}</Text>
        </View>
      )}

      <View className="jf-card">
        <Text className="jf-label">{t('escort.volunteer.realName')}</Text>
        <Input
          className="jf-field"
          nativeProps={{ 'data-testid': 'volunteer-realname' }}
          value={values.realName}
          maxlength={20}
          placeholder={t('escort.volunteer.realName.placeholder')}
          onInput={(event) => update('realName', event.detail.value, 'realName')}
        />
        <FieldError message={errors.realName} testId="volunteer-error-realName" />

        <Text className="jf-label">{t('escort.volunteer.phone')}</Text>
        <Input
          className="jf-field"
          nativeProps={{ 'data-testid': 'volunteer-phone' }}
          type="number"
          value={values.phone}
          maxlength={11}
          placeholder={t('escort.volunteer.phone.placeholder')}
          onInput={(event) => update('phone', event.detail.value, 'phone')}
        />
        <FieldError message={errors.phone} testId="volunteer-error-phone" />
      </View>

      <View className="jf-card">
        <Text className="jf-card__title">{t('escort.volunteer.skills')}</Text>
        <Text className="jf-muted jf-block">{t('escort.volunteer.skills.hint')}</Text>
        <View className="jf-choices jf-es-chips">
          {volunteerSkills.map((skill) => (
            <Chip
              key={skill}
              selected={values.skills.includes(skill)}
              testId={`volunteer-skill-${skill}`}
              onClick={() => update('skills', toggle(values.skills, skill), 'skills')}
            >
              {skillLabel(skill)}
            </Chip>
          ))}
        </View>
      </View>

      <View className="jf-card">
        <Text className="jf-card__title">{t('escort.volunteer.area')}</Text>
        {streets.status === 'loading' && <Loading>{t('escort.loading')}</Loading>}
        {streets.status === 'error' && (
          <View className="jf-inline-error">
            <Text>{`${t('escort.loadFailed')}：${streets.message}`}</Text>
            <Text className="jf-link" onClick={() => void fetchStreets()}>
              {t('escort.retry')}
            </Text>
          </View>
        )}
        <View className="jf-choices jf-es-chips">
          {streetList.map((street) => (
            <Chip
              key={street.id}
              selected={values.streetId === street.id}
              testId={`volunteer-street-${street.id}`}
              onClick={() => {
                setValues((current) => ({
                  ...current,
                  streetId: street.id,
                  centre: {
                    lat: street.location.lat,
                    lng: street.location.lng,
                    source: 'street',
                    label: street.name,
                  },
                }));
                setErrors((current) => ({ ...current, street: undefined }));
              }}
            >
              {street.name}
            </Chip>
          ))}
        </View>
        {centre && (
          <Text className="jf-muted jf-block" data-testid="volunteer-centre" data-source={centre.source}>
            {centre.source === 'gps' ? t('escort.volunteer.centre.gps') : t('escort.volunteer.centre.street')}
          </Text>
        )}
        <Text
          className="jf-link jf-block jf-gap-top"
          data-testid="volunteer-use-here"
          onClick={() => void centreOnMe()}
        >
          {locating ? t('escort.elder.locating') : t('escort.volunteer.useHere')}
        </Text>
        <FieldError message={errors.street} testId="volunteer-error-street" />

        <Text className="jf-label">{t('escort.volunteer.radius')}</Text>
        <View className="jf-choices jf-es-chips">
          {radiusChoices.map((km) => (
            <Chip
              key={km}
              selected={values.radiusKm === km}
              testId={`volunteer-radius-${km}`}
              onClick={() => update('radiusKm', km, 'radiusKm')}
            >
              {t('escort.volunteer.radiusKm', { km })}
            </Chip>
          ))}
        </View>
        <FieldError message={errors.radiusKm} testId="volunteer-error-radius" />
      </View>

      <View className="jf-card">
        <Text className="jf-card__title">{t('escort.volunteer.when')}</Text>
        <Text className="jf-label">{t('escort.volunteer.weekdays')}</Text>
        <View className="jf-choices jf-es-chips">
          {weekdayOrder.map((weekday) => (
            <Chip
              key={weekday}
              selected={values.weekdays.includes(weekday)}
              testId={`volunteer-weekday-${weekday}`}
              onClick={() => update('weekdays', toggle(values.weekdays, weekday), 'weekdays')}
            >
              {weekdayLabel(weekday)}
            </Chip>
          ))}
        </View>
        <FieldError message={errors.weekdays} testId="volunteer-error-weekdays" />
        <Text className="jf-label">{t('escort.volunteer.periods')}</Text>
        <View className="jf-choices jf-es-chips">
          {dayPeriodOrder.map((period) => (
            <Chip
              key={period}
              selected={values.periods.includes(period)}
              testId={`volunteer-period-${period}`}
              onClick={() => update('periods', toggle(values.periods, period), 'periods')}
            >
              <Text className="jf-es-chip__main">{t(periodKeys[period])}</Text>
              <Text className="jf-es-chip__sub">{`${dayPeriods[period].start}–${dayPeriods[period].end}`}</Text>
            </Chip>
          ))}
        </View>
        <FieldError message={errors.periods ?? errors.availability} testId="volunteer-error-periods" />
      </View>

      {errors.form && (
        <View className="jf-error" data-testid="volunteer-error-form">
          {errors.form}
        </View>
      )}
      <Button
        className="jf-gap-top"
        data-testid="volunteer-submit"
        type="primary"
        size="xlarge"
        block
        loading={busy}
        onClick={() => void submit()}
      >
        {registered ? t('escort.volunteer.update') : t('escort.volunteer.submit')}
      </Button>
    </PageShell>
  );
}
