import { deviceTypes, noiseZoneClassSchema, type Device, type DeviceCredentials } from '@jiefang/contracts';
import { App, Col, Form, Input, InputNumber, Modal, Row, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/errors';
import { deviceTypeLabel, zoneClassLabel } from '../../alarms/labels';
import { useRegisterDevice, useUpdateDevice } from '../../alarms/queries';
import { ActionFailed } from '../../components/ActionFailed';
import {
  buildRegisterRequest,
  checkUpdate,
  deviceUpdateDiff,
  editValues,
  serverFieldIssues,
  type DeviceFormValues,
  type FieldIssue,
} from '../../devices/deviceForm';
import { PinPickerMap } from '../../components/map/PinPickerMap';
import { householdLabel, placeOfPin } from '../../households/householdForm';
import { useHouseholds } from '../../households/queries';
import { t } from '../../i18n';
import { useDistrict, useStreets } from '../../tickets/queries';

/** 登记设备 (no `device`) or 编辑设备: both for admins only. */
export function DeviceFormDialog({
  open,
  device,
  onClose,
  onRegistered,
}: {
  open: boolean;
  device?: Device | null;
  onClose: () => void;
  /** The new device's credentials, to be shown once. */
  onRegistered: (credentials: DeviceCredentials) => void;
}) {
  const editing = Boolean(device);
  const [form] = Form.useForm<DeviceFormValues>();
  const { message } = App.useApp();
  const register = useRegisterDevice();
  const update = useUpdateDevice();
  const streets = useStreets();
  const district = useDistrict();
  const watchedLat = Form.useWatch('lat', form);
  const watchedLng = Form.useWatch('lng', form);
  const pin =
    typeof watchedLat === 'number' && typeof watchedLng === 'number'
      ? { lat: watchedLat, lng: watchedLng }
      : null;
  const mutation = editing ? update : register;
  const watchedType = Form.useWatch('type', form);
  const type = device?.type ?? watchedType;
  // Detectors belong to a household: the list to pick from (the district's, up to 200 by the BFF).
  // Searched by the BFF (which lists up to 200): a district has more households than one list holds.
  const [householdSearch, setHouseholdSearch] = useState('');
  const households = useHouseholds(householdSearch, open && type !== undefined && type !== 'noise_meter');

  /** A place picked on the map, or a household's: the coordinates and the street under them. */
  const placeAt = (point: { lat: number; lng: number }) => {
    const place = district.data ? placeOfPin(district.data, point) : null;
    form.setFieldsValue({ lat: point.lat, lng: point.lng, ...(place ? { street: place.streetId } : {}) });
  };

  const pickHousehold = (householdId: string) => {
    const household = households.data?.items.find((item) => item.id === householdId);
    if (!household) return;
    if (household.location) placeAt(household.location);
    else form.setFieldsValue({ street: household.streetId });
  };

  useEffect(() => {
    if (open) form.setFieldsValue(device ? editValues(device) : { type: 'noise_meter' });
  }, [open, device, form]);

  function close() {
    form.resetFields();
    register.reset();
    update.reset();
    onClose();
  }

  const showIssues = (issues: FieldIssue[]) =>
    form.setFields(
      issues.filter((issue) => issue.name).map((issue) => ({ name: issue.name, errors: issue.errors })),
    );

  const onServerError = (error: unknown) => {
    if (error instanceof ApiError) showIssues(serverFieldIssues(error.details, error.message));
  };

  function submit(values: DeviceFormValues) {
    if (!device) {
      const built = buildRegisterRequest(values);
      if (!built.ok) return showIssues(built.issues);
      register.mutate(built.request, {
        onSuccess: (credentials) => {
          void message.success(t('device.registered'));
          close();
          onRegistered(credentials);
        },
        onError: onServerError,
      });
      return;
    }
    const diff = deviceUpdateDiff(device, values);
    if (Object.keys(diff).length === 0) {
      void message.info(t('device.noChanges'));
      close();
      return;
    }
    const issues = checkUpdate(diff);
    if (issues.length > 0) return showIssues(issues);
    update.mutate(
      { id: device.id, body: diff },
      {
        onSuccess: () => {
          void message.success(t('device.saved'));
          close();
        },
        onError: onServerError,
      },
    );
  }

  return (
    <Modal
      open={open}
      title={device ? t('device.editTitle', { id: device.id }) : t('device.registerTitle')}
      onCancel={close}
      okText={t(editing ? 'device.editSubmit' : 'device.registerSubmit')}
      okButtonProps={{ 'data-testid': 'device-form-submit', loading: mutation.isPending }}
      onOk={() => form.submit()}
      destroyOnHidden
      width={620}
    >
      <Form<DeviceFormValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        disabled={mutation.isPending}
        data-testid="device-form"
      >
        {!editing && (
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item name="id" label={t('device.fieldId')}>
                <Input
                  data-testid="device-field-id"
                  placeholder={t('device.fieldIdPlaceholder')}
                  maxLength={64}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="type" label={t('device.fieldType')}>
                <Select
                  data-testid="device-field-type"
                  options={deviceTypes.map((value) => ({ value, label: deviceTypeLabel(value) }))}
                />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Form.Item name="street" label={t('device.fieldStreet')}>
          <Select
            data-testid="device-field-street"
            placeholder={t('device.fieldStreetPlaceholder')}
            loading={streets.isPending}
            options={(streets.data?.items ?? []).map((item) => ({ value: item.id, label: item.name }))}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="lat" label={t('device.fieldLat')} extra={t('device.fieldLocationHint')}>
              <InputNumber
                data-testid="device-field-lat"
                min={-90}
                max={90}
                step={0.0001}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="lng" label={t('device.fieldLng')}>
              <InputNumber
                data-testid="device-field-lng"
                min={-180}
                max={180}
                step={0.0001}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
        </Row>
        <div style={{ marginBottom: 16 }}>
          <PinPickerMap value={pin} onChange={placeAt} height={220} pinLabel={t('device.fieldLocation')} />
        </div>
        {type === 'noise_meter' ? (
          <Form.Item name="zoneClass" label={t('device.fieldZoneClass')}>
            <Select
              data-testid="device-field-zone"
              placeholder={t('device.fieldZoneClassPlaceholder')}
              options={noiseZoneClassSchema.options.map((value) => ({ value, label: zoneClassLabel(value) }))}
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="householdId"
            label={t('device.fieldHousehold')}
            extra={t('device.fieldHouseholdHint')}
          >
            <Select
              data-testid="device-field-household"
              showSearch
              allowClear
              placeholder={t('device.fieldHouseholdPlaceholder')}
              loading={households.isPending}
              onChange={(value: string | undefined) => value && pickHousehold(value)}
              filterOption={false}
              onSearch={(value) => setHouseholdSearch(value.trim())}
              options={(households.data?.items ?? []).map((household) => ({
                value: household.id,
                label: householdLabel(household),
              }))}
            />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="site" label={t('device.fieldSite')}>
              <Input
                data-testid="device-field-site"
                placeholder={t('device.fieldSitePlaceholder')}
                maxLength={60}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="building" label={t('device.fieldBuilding')}>
              <Input data-testid="device-field-building" maxLength={60} />
            </Form.Item>
          </Col>
        </Row>
        {editing && (
          <Form.Item
            name="disabled"
            label={t('device.fieldDisabled')}
            valuePropName="checked"
            extra={t('device.fieldDisabledHint')}
          >
            <Switch data-testid="device-field-disabled" />
          </Form.Item>
        )}
      </Form>
      <ActionFailed mutation={mutation} messageKey="device.saveFailed" testId="device-form-error" />
    </Modal>
  );
}
