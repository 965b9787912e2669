import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { Button, Loading } from '@nutui/nutui-react-taro';
import type { Elder, Escort, EscortService } from '@jiefang/contracts';
import { ApiError } from '../../../api/client';
import { PageShell } from '../../../components/PageShell';
import { useSession } from '../../../components/useSession';
import {
  bookingSteps,
  bookingWindow,
  buildEscortRequest,
  chooseElder,
  chooseService,
  emptyBooking,
  errorsFromFields,
  firstStepWithError,
  keepFittingTime,
  placeFields,
  textLimits,
  validateStep,
  type BookingErrors,
  type BookingStep,
  type BookingValues,
} from '../../../features/escort/booking';
import { Chip, EscortBadge, FieldError, InfoRow, NeedTags } from '../../../features/escort/components';
import { SubscribeTip } from '../../../features/notifications/SubscribeTip';
import { ElderForm } from '../../../features/escort/ElderForm';
import { escortsApi } from '../../../features/escort/escortServices';
import { serviceDescription, serviceIcon } from '../../../features/escort/labels';
import { ESCORT_MINE_PAGE, escortDetailUrl } from '../../../features/escort/routes';
import {
  dayChoices,
  dayLabel,
  durationChoices,
  durationLabel,
  formatWindow,
  startChoices,
  type StartChoice,
} from '../../../features/escort/time';
import { t } from '../../../i18n';
import { messageOf } from '../../../services';
import '../escort.scss';

type Loadable<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; message: string };

const stepKeys = {
  service: 'escort.book.step.service',
  when: 'escort.book.step.when',
  where: 'escort.book.step.where',
  confirm: 'escort.book.step.confirm',
} as const;

const periodKeys = {
  morning: 'escort.period.morning',
  afternoon: 'escort.period.afternoon',
  evening: 'escort.period.evening',
} as const;

function StepBar({ step }: { step: BookingStep }) {
  const index = bookingSteps.indexOf(step);
  return (
    <View className="jf-es-steps" data-testid="book-step" data-step={step}>
      <Text className="jf-es-steps__text">
        {t('escort.book.stepOf', { n: index + 1, total: bookingSteps.length, name: t(stepKeys[step]) })}
      </Text>
      <View className="jf-es-steps__bar">
        {bookingSteps.map((name, i) => (
          <View
            key={name}
            className={i <= index ? 'jf-es-steps__dot jf-es-steps__dot--done' : 'jf-es-steps__dot'}
          />
        ))}
      </View>
    </View>
  );
}

function Result({ escort, now }: { escort: Escort; now: number }) {
  return (
    <View className="jf-card jf-es-result" data-testid="book-result" data-escort-id={escort.id}>
      <Text className="jf-es-result__icon">✅</Text>
      <Text className="jf-es-result__title">{t('escort.book.done')}</Text>
      <Text className="jf-es-result__hint">{t('escort.book.doneHint')}</Text>
      <View className="jf-es-result__rows">
        <InfoRow
          label={t('escort.field.service')}
          value={`${serviceIcon(escort.serviceType)} ${escort.serviceName}`}
        />
        <InfoRow label={t('escort.field.elder')} value={escort.elderName} />
        <InfoRow
          label={t('escort.field.time')}
          value={formatWindow(escort.windowStart, escort.windowEnd, now)}
        />
      </View>
      <EscortBadge status={escort.status} testId="book-result-status" />
      <SubscribeTip ask="escort" />
      <Button
        className="jf-gap-top"
        data-testid="book-result-view"
        type="primary"
        size="xlarge"
        block
        onClick={() => void Taro.redirectTo({ url: escortDetailUrl(escort.id) })}
      >
        {t('escort.book.view')}
      </Button>
      <Button
        className="jf-gap-top"
        data-testid="book-result-mine"
        size="xlarge"
        block
        fill="outline"
        onClick={() => void Taro.redirectTo({ url: ESCORT_MINE_PAGE })}
      >
        {t('escort.mine.title')}
      </Button>
    </View>
  );
}

export default function EscortBookPage() {
  const user = useSession();
  const [elders, setElders] = useState<Loadable<Elder[]>>({ status: 'loading' });
  const [services, setServices] = useState<Loadable<EscortService[]>>({ status: 'loading' });
  const [values, setValues] = useState<BookingValues>(emptyBooking);
  const [step, setStep] = useState<BookingStep>('service');
  const [errors, setErrors] = useState<BookingErrors>({});
  const [addingElder, setAddingElder] = useState(false);
  const [sending, setSending] = useState(false);
  const [booked, setBooked] = useState<Escort | undefined>(undefined);
  const now = Date.now();

  const loadElders = useCallback(async () => {
    setElders({ status: 'loading' });
    try {
      const items = await escortsApi.elders();
      setElders({ status: 'ready', value: items });
      // One elder (the usual case): chosen already.
      if (items.length === 1)
        setValues((current) => (current.elderId ? current : chooseElder(current, items[0]!)));
    } catch (error) {
      if (error instanceof ApiError && error.isAuthFailure) return;
      setElders({ status: 'error', message: messageOf(error) });
    }
  }, []);

  const loadServices = useCallback(async () => {
    setServices({ status: 'loading' });
    try {
      setServices({ status: 'ready', value: await escortsApi.services() });
    } catch (error) {
      if (error instanceof ApiError && error.isAuthFailure) return;
      setServices({ status: 'error', message: messageOf(error) });
    }
  }, []);

  useEffect(() => {
    if (!user) return;
    void loadElders();
    void loadServices();
  }, [user, loadElders, loadServices]);

  if (!user) return <PageShell alwaysLarge>{null}</PageShell>;

  if (booked) {
    return (
      <PageShell alwaysLarge>
        <Result escort={booked} now={now} />
      </PageShell>
    );
  }

  const elderList = elders.status === 'ready' ? elders.value : [];
  const serviceList = services.status === 'ready' ? services.value : [];
  const context = { elders: elderList, services: serviceList, now };
  const elder = elderList.find((item) => item.id === values.elderId);
  const service = serviceList.find((item) => item.type === values.serviceType);

  const clear = (...fields: Array<keyof BookingErrors>) =>
    setErrors((current) => {
      const next = { ...current, form: undefined };
      for (const field of fields) next[field] = undefined;
      return next;
    });

  const goTo = (next: BookingStep) => {
    setStep(next);
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
  };

  const next = () => {
    const found = validateStep(step, values, context);
    setErrors(found);
    if (Object.keys(found).some((key) => found[key as keyof BookingErrors])) return;
    const index = bookingSteps.indexOf(step);
    const following = bookingSteps[index + 1];
    if (following) goTo(following);
  };

  const back = () => {
    const previous = bookingSteps[bookingSteps.indexOf(step) - 1];
    setErrors({});
    if (previous) goTo(previous);
  };

  const submit = async () => {
    if (sending) return;
    const built = buildEscortRequest(values, context);
    if (!built.ok) {
      setErrors(built.errors);
      const target = firstStepWithError(built.errors);
      if (target && target !== 'confirm') goTo(target);
      return;
    }
    setSending(true);
    setErrors({});
    try {
      setBooked(await escortsApi.book(built.request));
    } catch (error) {
      if (error instanceof ApiError && error.isAuthFailure) return;
      const fields = error instanceof ApiError ? errorsFromFields(error.details) : {};
      if (Object.keys(fields).length > 0) {
        setErrors(fields);
        const target = firstStepWithError(fields);
        if (target && target !== 'confirm') goTo(target);
      } else {
        setErrors({ form: messageOf(error) });
      }
    } finally {
      setSending(false);
    }
  };

  const chosen = bookingWindow(values);

  const serviceStep = (
    <>
      <View className="jf-card">
        <Text className="jf-card__title">{t('escort.book.who')}</Text>
        {elders.status === 'loading' && <Loading>{t('escort.loading')}</Loading>}
        {elders.status === 'error' && (
          <View className="jf-inline-error" data-testid="book-elders-error">
            <Text>{`${t('escort.loadFailed')}：${elders.message}`}</Text>
            <Text className="jf-link" onClick={() => void loadElders()}>
              {t('escort.retry')}
            </Text>
          </View>
        )}
        {elders.status === 'ready' && !addingElder && (
          <>
            {elderList.length === 0 && (
              <Text className="jf-muted jf-block" data-testid="book-elders-empty">
                {t('escort.book.noElders')}
              </Text>
            )}
            <View className="jf-choices jf-es-choices">
              {elderList.map((item) => (
                <Chip
                  key={item.id}
                  wide
                  selected={values.elderId === item.id}
                  testId={`book-elder-${item.id}`}
                  onClick={() => {
                    setValues((current) => chooseElder(current, item, elder));
                    clear('elderId');
                  }}
                >
                  <Text className="jf-es-chip__main">{item.name}</Text>
                  {(item.streetName || item.address) && (
                    <Text className="jf-es-chip__sub">{item.address ?? item.streetName}</Text>
                  )}
                </Chip>
              ))}
            </View>
            <Button
              className="jf-gap-top"
              data-testid="book-add-elder"
              size="xlarge"
              block
              fill="outline"
              onClick={() => setAddingElder(true)}
            >
              {t('escort.book.addElder')}
            </Button>
          </>
        )}
        {elders.status === 'ready' && addingElder && (
          <ElderForm
            onCancel={() => setAddingElder(false)}
            onAdded={(added) => {
              setElders({
                status: 'ready',
                value: [...elderList.filter((item) => item.id !== added.id), added],
              });
              setValues((current) => chooseElder(current, added, elder));
              setAddingElder(false);
              clear('elderId');
            }}
          />
        )}
        <FieldError message={errors.elderId} testId="book-error-elder" />
      </View>

      <View className="jf-card">
        <Text className="jf-card__title">{t('escort.book.what')}</Text>
        {services.status === 'loading' && <Loading>{t('escort.loading')}</Loading>}
        {services.status === 'error' && (
          <View className="jf-inline-error" data-testid="book-services-error">
            <Text>{`${t('escort.loadFailed')}：${services.message}`}</Text>
            <Text className="jf-link" onClick={() => void loadServices()}>
              {t('escort.retry')}
            </Text>
          </View>
        )}
        {services.status === 'ready' && serviceList.length === 0 && (
          <Text className="jf-muted">{t('escort.book.noServices')}</Text>
        )}
        {services.status === 'ready' && (
          <View className="jf-es-services">
            {serviceList.map((item) => {
              const selected = values.serviceType === item.type;
              return (
                <View
                  key={item.type}
                  className={selected ? 'jf-es-service jf-es-service--selected' : 'jf-es-service'}
                  data-testid={`book-service-${item.type}`}
                  data-selected={selected ? 'true' : 'false'}
                  ariaRole="radio"
                  ariaLabel={item.name}
                  onClick={() => {
                    setValues((current) => chooseService(current, item, now));
                    clear('serviceType');
                  }}
                >
                  <Text className="jf-es-service__icon">{serviceIcon(item.type)}</Text>
                  <View className="jf-es-service__text">
                    <Text className="jf-es-service__name">{item.name}</Text>
                    <Text className="jf-es-service__desc">{serviceDescription(item.type)}</Text>
                  </View>
                </View>
              );
            })}
          </View>
        )}
        <FieldError message={errors.serviceType} testId="book-error-service" />
      </View>
    </>
  );

  const renderWhen = () => {
    const durations = durationChoices(service?.defaultMinutes ?? 60);
    const days = values.durationMinutes ? dayChoices(values.durationMinutes, now) : [];
    const starts: StartChoice[] =
      values.day && values.durationMinutes ? startChoices(values.day, values.durationMinutes, now) : [];
    const groups = (['morning', 'afternoon', 'evening'] as const)
      .map((period) => ({ period, items: starts.filter((choice) => choice.period === period) }))
      .filter((group) => group.items.length > 0);
    return (
      <>
        <View className="jf-card">
          <Text className="jf-card__title">{t('escort.book.howLong')}</Text>
          <View className="jf-choices jf-es-chips">
            {durations.map((minutes) => (
              <Chip
                key={minutes}
                selected={values.durationMinutes === minutes}
                testId={`book-duration-${minutes}`}
                onClick={() => {
                  setValues((current) => keepFittingTime({ ...current, durationMinutes: minutes }, now));
                  clear('duration', 'window');
                }}
              >
                {durationLabel(minutes)}
              </Chip>
            ))}
          </View>
          <FieldError message={errors.duration} testId="book-error-duration" />
        </View>

        <View className="jf-card">
          <Text className="jf-card__title">{t('escort.book.whichDay')}</Text>
          <View className="jf-choices jf-es-days">
            {days.map((day) => {
              const label = dayLabel(day, now);
              return (
                <Chip
                  key={day}
                  selected={values.day === day}
                  testId={`book-day-${day}`}
                  onClick={() => {
                    setValues((current) => keepFittingTime({ ...current, day }, now));
                    clear('day', 'window');
                  }}
                >
                  <Text className="jf-es-chip__main">{label.main}</Text>
                  <Text className="jf-es-chip__sub">{label.sub}</Text>
                </Chip>
              );
            })}
          </View>
          <FieldError message={errors.day} testId="book-error-day" />
        </View>

        <View className="jf-card">
          <Text className="jf-card__title">{t('escort.book.whatTime')}</Text>
          <Text className="jf-muted jf-block">{t('escort.book.serviceHours')}</Text>
          {!values.day && <Text className="jf-muted jf-block">{t('escort.book.pickDayFirst')}</Text>}
          {values.day && groups.length === 0 && (
            <Text className="jf-muted jf-block" data-testid="book-times-empty">
              {t('escort.book.dayFull')}
            </Text>
          )}
          {groups.map((group) => (
            <View key={group.period} className="jf-es-period">
              <Text className="jf-es-period__name">{t(periodKeys[group.period])}</Text>
              <View className="jf-choices jf-es-chips jf-es-chips--grid">
                {group.items.map((choice) => (
                  <Chip
                    key={choice.time}
                    selected={values.time === choice.time}
                    testId={`book-time-${choice.time}`}
                    onClick={() => {
                      setValues((current) => ({ ...current, time: choice.time }));
                      clear('time', 'window');
                    }}
                  >
                    {choice.time}
                  </Chip>
                ))}
              </View>
            </View>
          ))}
          <FieldError message={errors.time} testId="book-error-time" />
          {chosen && (
            <Text className="jf-es-chosen" data-testid="book-window" data-start={chosen.windowStart}>
              {t('escort.book.chosenTime', { time: formatWindow(chosen.windowStart, chosen.windowEnd, now) })}
            </Text>
          )}
          <FieldError message={errors.window} testId="book-error-window" />
        </View>
      </>
    );
  };

  const renderWhere = () => {
    const specs = placeFields(values.serviceType);
    return (
      <View className="jf-card">
        <Text className="jf-card__title">{t('escort.book.where')}</Text>
        {specs.length === 0 && (
          <Text className="jf-muted jf-block" data-testid="book-where-call">
            {t('escort.book.byPhone', { phone: elder?.phone ?? '' })}
          </Text>
        )}
        {specs.map((spec) => (
          <View key={spec.field}>
            <Text className="jf-label">
              {t(spec.label)}
              {!spec.required && <Text className="jf-muted">{t('escort.optional')}</Text>}
            </Text>
            <Input
              className="jf-field"
              nativeProps={{ 'data-testid': `book-${spec.field}` }}
              value={values[spec.field]}
              maxlength={textLimits[spec.field]}
              placeholder={t(spec.placeholder)}
              onInput={(event) => {
                const value = event.detail.value;
                setValues((current) => ({ ...current, [spec.field]: value }));
                clear(spec.field);
              }}
            />
            <FieldError message={errors[spec.field]} testId={`book-error-${spec.field}`} />
          </View>
        ))}
        <Text className="jf-label">
          {t('escort.book.notes')}
          <Text className="jf-muted">{t('escort.optional')}</Text>
        </Text>
        <Textarea
          className="jf-textarea jf-es-textarea"
          nativeProps={{ 'data-testid': 'book-notes' }}
          value={values.notes}
          maxlength={textLimits.notes}
          placeholder={t('escort.book.notes.placeholder')}
          onInput={(event) => {
            const value = event.detail.value;
            setValues((current) => ({ ...current, notes: value }));
            clear('notes');
          }}
        />
        <FieldError message={errors.notes} testId="book-error-notes" />
      </View>
    );
  };

  const renderConfirm = () => (
    <View className="jf-card" data-testid="book-confirm">
      <Text className="jf-card__title">{t('escort.book.check')}</Text>
      <InfoRow label={t('escort.field.elder')} value={elder?.name ?? ''} testId="book-confirm-elder" />
      {elder && <NeedTags needs={elder.needs} />}
      <InfoRow
        label={t('escort.field.service')}
        value={service ? `${serviceIcon(service.type)} ${service.name}` : ''}
        testId="book-confirm-service"
      />
      <InfoRow
        label={t('escort.field.time')}
        value={chosen ? formatWindow(chosen.windowStart, chosen.windowEnd, now) : ''}
        testId="book-confirm-time"
      />
      {placeFields(values.serviceType)
        .filter((spec) => values[spec.field].trim() !== '')
        .map((spec) => (
          <InfoRow key={spec.field} label={t(spec.short)} value={values[spec.field].trim()} />
        ))}
      {values.notes.trim() && <InfoRow label={t('escort.field.notes')} value={values.notes.trim()} />}
      <Text className="jf-muted jf-block jf-gap-top">{t('escort.book.privacy')}</Text>
      {(errors.form || errors.window) && (
        <View className="jf-error" data-testid="book-error-form">
          {errors.form ?? errors.window}
        </View>
      )}
    </View>
  );

  return (
    <PageShell alwaysLarge>
      <Text className="jf-title">{t('escort.book.title')}</Text>
      <StepBar step={step} />

      {step === 'service' && serviceStep}
      {step === 'when' && renderWhen()}
      {step === 'where' && renderWhere()}
      {step === 'confirm' && renderConfirm()}

      <View className="jf-es-nav">
        {step !== 'service' && (
          <Button
            className="jf-es-nav__back"
            data-testid="book-back"
            size="xlarge"
            fill="outline"
            onClick={back}
          >
            {t('escort.book.back')}
          </Button>
        )}
        {step === 'confirm' ? (
          <Button
            className="jf-es-nav__next"
            data-testid="book-submit"
            type="primary"
            size="xlarge"
            loading={sending}
            disabled={sending}
            onClick={() => void submit()}
          >
            {sending ? t('escort.book.sending') : t('escort.book.submit')}
          </Button>
        ) : (
          <Button
            className="jf-es-nav__next"
            data-testid="book-next"
            type="primary"
            size="xlarge"
            disabled={addingElder}
            onClick={next}
          >
            {t('escort.book.next')}
          </Button>
        )}
      </View>
    </PageShell>
  );
}
