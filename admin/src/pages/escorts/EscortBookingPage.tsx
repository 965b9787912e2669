import { CheckCircleFilled, PhoneOutlined } from '@ant-design/icons';
import {
  beijingDate,
  escortServiceHours,
  escortServiceTypes,
  type Elder,
  type Escort,
  type EscortServiceType,
} from '@jiefang/contracts';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Radio,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Typography,
  theme,
  type FormItemProps,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, describeError } from '../../api/errors';
import { NeedTags } from '../../components/EscortTags';
import { ClockPicker, DayPicker } from '../../components/pickers/WallClockPickers';
import {
  asksHospital,
  asksPlaces,
  bookingFieldOf,
  buildEscortRequest,
  initialBookingValues,
  suggestedEnd,
  type BookingField,
  type BookingFormValues,
} from '../../escorts/bookingForm';
import { contactLine } from '../../escorts/elderView';
import { groupIssues, serverPathIssues, type GroupedIssues } from '../../escorts/fieldErrors';
import { formatMinutes, serviceTypeLabel, windowLabel } from '../../escorts/labels';
import { useCreateEscort, useElders, useEscortServices } from '../../escorts/queries';
import { t } from '../../i18n';

const noIssues: GroupedIssues<BookingField> = { fields: {}, general: [] };
const windowFields: readonly BookingField[] = ['date', 'startTime', 'endTime'];
const DEFAULT_MINUTES = 120;

/**
 * 代约陪护: a community worker books an escort while the elder (or family) is on the phone. The elder
 * picked on the elders page comes in as `?elder=`. Times are Beijing time, sent as ISO 8601 with +08:00;
 * problems (from the form's own checks or the BFF) show next to their fields.
 */
export function EscortBookingPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { token } = theme.useToken();
  const elders = useElders();
  const [booked, setBooked] = useState<Escort | null>(null);
  // A new form (and a fresh elder choice) after each booking.
  const [round, setRound] = useState(0);

  const header = (
    <Space direction="vertical" size={4}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('booking.title')}
      </Typography.Title>
      <Typography.Text type="secondary">
        <PhoneOutlined /> {t('booking.subtitle')}
      </Typography.Text>
    </Space>
  );

  let body;
  if (booked) {
    body = (
      <Card style={{ maxWidth: 820 }} data-testid="booking-success" data-escort-id={booked.id}>
        <Result
          icon={<CheckCircleFilled style={{ color: token.colorSuccess }} />}
          title={t('booking.successTitle', { name: booked.elderName })}
          subTitle={t('booking.successText', {
            service: serviceTypeLabel(booked.serviceType),
            window: windowLabel(booked.windowStart, booked.windowEnd, Date.now()),
          })}
          extra={[
            <Button
              key="view"
              type="primary"
              data-testid="booking-view"
              onClick={() => navigate(`/escorts?escort=${encodeURIComponent(booked.id)}`)}
            >
              {t('booking.viewQueue')}
            </Button>,
            <Button
              key="again"
              data-testid="booking-again"
              onClick={() => {
                setBooked(null);
                setRound((value) => value + 1);
              }}
            >
              {t('booking.again')}
            </Button>,
          ]}
        />
      </Card>
    );
  } else if (elders.isPending) {
    body = (
      <Card style={{ maxWidth: 820 }}>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  } else if (elders.isError && !elders.data) {
    body = (
      <Alert
        type="error"
        showIcon
        data-testid="booking-load-error"
        message={t('elder.loadFailed', { message: describeError(elders.error) })}
        action={
          <Button size="small" onClick={() => void elders.refetch()}>
            {t('escort.retry')}
          </Button>
        }
      />
    );
  } else if ((elders.data?.items.length ?? 0) === 0) {
    body = (
      <Card style={{ maxWidth: 820 }}>
        <Empty data-testid="booking-no-elders" description={t('booking.noElders')}>
          <Link to="/elders">{t('booking.goElders')}</Link>
        </Empty>
      </Card>
    );
  } else {
    body = (
      <BookingForm
        key={round}
        elders={elders.data?.items ?? []}
        initialElderId={round === 0 ? (params.get('elder') ?? undefined) : undefined}
        onBooked={setBooked}
      />
    );
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {header}
      {body}
    </Space>
  );
}

function BookingForm({
  elders,
  initialElderId,
  onBooked,
}: {
  elders: readonly Elder[];
  initialElderId?: string;
  onBooked: (escort: Escort) => void;
}) {
  const { token } = theme.useToken();
  const [form] = Form.useForm<BookingFormValues>();
  const services = useEscortServices();
  const create = useCreateEscort();
  const [issues, setIssues] = useState(noIssues);
  const [initial] = useState(() => initialBookingValues(Date.now(), initialElderId));
  const endEdited = useRef(false);
  const autoPickup = useRef<string | undefined>(undefined);

  const serviceType = Form.useWatch('serviceType', form) ?? initial.serviceType;
  const elderId = Form.useWatch('elderId', form) ?? initial.elderId;
  const elder = elders.find((item) => item.id === elderId) ?? null;
  const serviceList = services.data;
  const service = serviceList?.find((item) => item.type === serviceType);
  const minutesFor = (type: EscortServiceType | undefined) =>
    serviceList?.find((item) => item.type === type)?.defaultMinutes ?? DEFAULT_MINUTES;

  // The pickup starts at the elder's home; a worker's own entry is left alone.
  useEffect(() => {
    if (!elder?.address) return;
    const current = form.getFieldValue('pickupAddress') as string | undefined;
    if (!current || current === autoPickup.current) {
      form.setFieldValue('pickupAddress', elder.address);
      autoPickup.current = elder.address;
    }
  }, [elder, form]);

  // The usual length of the first service, once the list arrives.
  useEffect(() => {
    if (!serviceList || endEdited.current) return;
    const values = form.getFieldsValue(['startTime', 'serviceType']) as BookingFormValues;
    const minutes = serviceList.find((item) => item.type === values.serviceType)?.defaultMinutes;
    form.setFieldValue('endTime', suggestedEnd(values.startTime, minutes ?? DEFAULT_MINUTES));
  }, [serviceList, form]);

  const elderOptions = useMemo(
    () => elders.map((item) => ({ value: item.id, label: `${item.name} · ${item.phone}` })),
    [elders],
  );

  /** Problems of one field as the Form.Item shows them, with a test id the e2e suite can find. */
  const itemProps = (field: BookingField): Partial<FormItemProps> => {
    const errors = issues.fields[field];
    if (!errors?.length) return {};
    return {
      validateStatus: 'error',
      help: <span data-testid={`booking-error-${field}`}>{errors.join('；')}</span>,
    };
  };

  function onValuesChange(changed: BookingFormValues, all: BookingFormValues) {
    const keys = Object.keys(changed) as BookingField[];
    if ('endTime' in changed) endEdited.current = true;
    if (('startTime' in changed || 'serviceType' in changed) && !endEdited.current) {
      form.setFieldValue('endTime', suggestedEnd(all.startTime, minutesFor(all.serviceType)));
    }
    // A change to the day or either time may fix the others' problems (past, order, hours).
    const cleared = keys.some((key) => windowFields.includes(key)) ? [...keys, ...windowFields] : keys;
    if (cleared.some((key) => issues.fields[key])) {
      setIssues((prev) => {
        const fields = { ...prev.fields };
        for (const key of cleared) delete fields[key];
        return { ...prev, fields };
      });
    }
  }

  function submit(values: BookingFormValues) {
    create.reset();
    const built = buildEscortRequest(values, Date.now(), serviceList);
    if (!built.ok) {
      setIssues(built.issues);
      return;
    }
    setIssues(noIssues);
    create.mutate(built.request, {
      onSuccess: onBooked,
      onError: (error) => {
        if (error instanceof ApiError) {
          setIssues(groupIssues(serverPathIssues(error.details, error.message), bookingFieldOf));
        }
      },
    });
  }

  const today = beijingDate(Date.now());
  const showHospital = asksHospital(serviceType);
  const showPlaces = asksPlaces(serviceType, serviceList);

  return (
    <Card style={{ maxWidth: 820 }}>
      <Form<BookingFormValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={initial}
        onValuesChange={onValuesChange}
        onFinish={submit}
        disabled={create.isPending}
        data-testid="booking-form"
      >
        <Form.Item name="elderId" label={t('booking.fieldElder')} {...itemProps('elderId')}>
          <Select<string>
            data-testid="booking-elder"
            showSearch
            optionFilterProp="label"
            placeholder={t('booking.fieldElderPlaceholder')}
            options={elderOptions}
            optionRender={(option) => (
              <span data-testid={`booking-elder-option-${String(option.value)}`}>{option.label}</span>
            )}
          />
        </Form.Item>
        {elder && (
          <Descriptions
            data-testid="booking-elder-summary"
            size="small"
            column={1}
            style={{ marginTop: -token.marginXS, marginBottom: token.marginLG }}
            styles={{ label: { whiteSpace: 'nowrap' } }}
          >
            <Descriptions.Item label={t('elder.fieldAddress')}>{elder.address ?? '—'}</Descriptions.Item>
            {elder.needs.length > 0 && (
              <Descriptions.Item label={t('elder.fieldNeeds')}>
                <NeedTags needs={elder.needs} />
              </Descriptions.Item>
            )}
            {elder.emergencyContacts[0] && (
              <Descriptions.Item label={t('elder.fieldContacts')}>
                {contactLine(elder.emergencyContacts[0])}
              </Descriptions.Item>
            )}
          </Descriptions>
        )}

        <Form.Item
          name="serviceType"
          label={t('booking.fieldService')}
          extra={
            service
              ? t(service.inPerson ? 'booking.serviceHint' : 'booking.serviceHintCall', {
                  minutes: formatMinutes(service.defaultMinutes),
                })
              : undefined
          }
          {...itemProps('serviceType')}
        >
          <Radio.Group optionType="button" buttonStyle="solid">
            {escortServiceTypes.map((type) => (
              <Radio.Button key={type} value={type}>
                <span data-testid={`booking-service-${type}`}>{serviceTypeLabel(type)}</span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>

        <Row gutter={16}>
          <Col xs={24} sm={10}>
            <Form.Item name="date" label={t('booking.fieldDate')} {...itemProps('date')}>
              <DayPicker data-testid="booking-date" min={today} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={7}>
            <Form.Item name="startTime" label={t('booking.fieldStart')} {...itemProps('startTime')}>
              <ClockPicker
                data-testid="booking-start"
                minuteStep={5}
                min={escortServiceHours.start}
                max={escortServiceHours.end}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={7}>
            <Form.Item name="endTime" label={t('booking.fieldEnd')} {...itemProps('endTime')}>
              <ClockPicker
                data-testid="booking-end"
                minuteStep={5}
                min={escortServiceHours.start}
                max={escortServiceHours.end}
              />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ marginTop: -token.marginSM }}>
          {t('booking.windowHint', escortServiceHours)}
        </Typography.Paragraph>

        {showHospital && (
          <Row gutter={16}>
            <Col xs={24} sm={14}>
              <Form.Item name="hospital" label={t('booking.fieldHospital')} {...itemProps('hospital')}>
                <Input
                  data-testid="booking-hospital"
                  maxLength={60}
                  placeholder={t('booking.fieldHospitalPlaceholder')}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={10}>
              <Form.Item name="department" label={t('booking.fieldDepartment')} {...itemProps('department')}>
                <Input
                  data-testid="booking-department"
                  maxLength={40}
                  placeholder={t('booking.fieldDepartmentPlaceholder')}
                />
              </Form.Item>
            </Col>
          </Row>
        )}

        {showPlaces && (
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item
                name="pickupAddress"
                label={t('booking.fieldPickup')}
                {...itemProps('pickupAddress')}
              >
                <Input data-testid="booking-pickup" maxLength={120} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                name="destination"
                label={t('booking.fieldDestination')}
                {...itemProps('destination')}
              >
                <Input
                  data-testid="booking-destination"
                  maxLength={120}
                  placeholder={t(
                    serviceType === 'medicine_pickup'
                      ? 'booking.fieldDestinationPharmacy'
                      : 'booking.fieldDestinationPlaceholder',
                  )}
                />
              </Form.Item>
            </Col>
          </Row>
        )}

        <Form.Item name="notes" label={t('booking.fieldNotes')} {...itemProps('notes')}>
          <Input.TextArea
            data-testid="booking-notes"
            rows={3}
            maxLength={300}
            showCount
            placeholder={t('booking.fieldNotesPlaceholder')}
          />
        </Form.Item>

        {(create.isError || issues.general.length > 0) && (
          <Alert
            type="error"
            showIcon
            data-testid="booking-error"
            style={{ marginBottom: token.margin }}
            message={
              create.isError
                ? t('booking.failed', { message: describeError(create.error) })
                : t('booking.invalid')
            }
            description={
              issues.general.length > 0 ? (
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {issues.general.map((message) => (
                    <li key={message}>{message}</li>
                  ))}
                </ul>
              ) : undefined
            }
          />
        )}

        <Space wrap>
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            data-testid="booking-submit"
            loading={create.isPending}
          >
            {t('booking.submit')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
