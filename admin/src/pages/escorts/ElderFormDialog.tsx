import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { elderNeeds, type Elder } from '@jiefang/contracts';
import { App, Button, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Select, Typography } from 'antd';
import { ApiError } from '../../api/errors';
import { ActionFailed } from '../../components/ActionFailed';
import {
  buildElderRequest,
  contactRowPath,
  elderFieldIssues,
  type ElderFieldIssue,
  type ElderFormValues,
} from '../../escorts/elderForm';
import { serverPathIssues } from '../../escorts/fieldErrors';
import { elderNeedLabel } from '../../escorts/labels';
import { useCreateElder } from '../../escorts/queries';
import { t } from '../../i18n';
import { ringCenter } from '../../tickets/geo';
import { useDistrict } from '../../tickets/queries';

const initialValues: ElderFormValues = { needs: [], emergencyContacts: [{}], familyUserIds: [] };

/** 登记长者: checked against the contract before sending; the BFF's field errors land on their fields. */
export function ElderFormDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated?: (elder: Elder) => void;
}) {
  const [form] = Form.useForm<ElderFormValues>();
  const { message } = App.useApp();
  const create = useCreateElder();
  const district = useDistrict();

  function close() {
    form.resetFields();
    create.reset();
    onClose();
  }

  // Nested names (contact rows) are valid paths the form's typing cannot spell.
  const showIssues = (issues: ElderFieldIssue[]) =>
    form.setFields(issues as Parameters<typeof form.setFields>[0]);

  /** Puts the elder at the middle of a street until someone enters the exact point. */
  function locateStreet(streetId: string) {
    const feature = district.data?.features.find((item) => item.properties.id === streetId);
    const ring = feature?.geometry.coordinates[0];
    if (!ring) return;
    const [lng, lat] = ringCenter(ring);
    form.setFieldsValue({ lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6 });
    form.setFields([
      { name: 'lat', errors: [] },
      { name: 'lng', errors: [] },
    ]);
  }

  function submit(values: ElderFormValues) {
    const built = buildElderRequest(values);
    if (!built.ok) return showIssues(built.issues);
    create.mutate(built.request, {
      onSuccess: (elder) => {
        void message.success(t('elder.created', { name: elder.name }));
        close();
        onCreated?.(elder);
      },
      onError: (error) => {
        if (!(error instanceof ApiError)) return;
        const issues = serverPathIssues(error.details, error.message).map((issue) => ({
          ...issue,
          path: contactRowPath(issue.path, built.contactRows),
        }));
        showIssues(elderFieldIssues(issues));
      },
    });
  }

  return (
    <Modal
      open={open}
      title={t('elder.createTitle')}
      onCancel={close}
      okText={t('elder.createSubmit')}
      okButtonProps={{ 'data-testid': 'elder-form-submit', loading: create.isPending }}
      cancelText={t('escort.cancelButton')}
      onOk={() => form.submit()}
      destroyOnHidden
      width={680}
    >
      <Form<ElderFormValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={initialValues}
        onFinish={submit}
        disabled={create.isPending}
        data-testid="elder-form"
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t('elder.fieldName')}>
              <Input data-testid="elder-field-name" maxLength={40} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={t('elder.fieldPhone')} extra={t('elder.fieldPhoneHint')}>
              <Input data-testid="elder-field-phone" maxLength={20} inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="address" label={t('elder.fieldAddress')}>
          <Input
            data-testid="elder-field-address"
            maxLength={120}
            placeholder={t('elder.fieldAddressPlaceholder')}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <Form.Item label={t('elder.fieldLocate')} extra={t('elder.fieldLocateHint')}>
              <Select<string>
                data-testid="elder-field-street"
                placeholder={t('elder.fieldLocatePlaceholder')}
                loading={district.isPending}
                onChange={locateStreet}
                options={(district.data?.features ?? []).map((feature) => ({
                  value: feature.properties.id,
                  label: feature.properties.name,
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="lat" label={t('elder.fieldLat')}>
              <InputNumber
                data-testid="elder-field-lat"
                min={-90}
                max={90}
                step={0.0001}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="lng" label={t('elder.fieldLng')}>
              <InputNumber
                data-testid="elder-field-lng"
                min={-180}
                max={180}
                step={0.0001}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="needs" label={t('elder.fieldNeeds')}>
          <Checkbox.Group>
            <Row gutter={[8, 8]}>
              {elderNeeds.map((need) => (
                <Col key={need}>
                  <Checkbox value={need}>
                    <span data-testid={`elder-need-${need}`}>{elderNeedLabel(need)}</span>
                  </Checkbox>
                </Col>
              ))}
            </Row>
          </Checkbox.Group>
        </Form.Item>

        <Typography.Text strong>{t('elder.fieldContacts')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('elder.fieldContactsHint')}
        </Typography.Paragraph>
        <Form.List name="emergencyContacts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Row key={field.key} gutter={8} align="top" data-testid={`elder-contact-${index}`}>
                  <Col xs={24} sm={7}>
                    <Form.Item name={[field.name, 'name']} aria-label={t('elder.contactName')}>
                      <Input
                        data-testid={`elder-contact-name-${index}`}
                        placeholder={t('elder.contactName')}
                        maxLength={40}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={9}>
                    <Form.Item name={[field.name, 'phone']}>
                      <Input
                        data-testid={`elder-contact-phone-${index}`}
                        placeholder={t('elder.contactPhone')}
                        maxLength={20}
                        inputMode="tel"
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={20} sm={6}>
                    <Form.Item name={[field.name, 'relation']}>
                      <Input
                        data-testid={`elder-contact-relation-${index}`}
                        placeholder={t('elder.contactRelation')}
                        maxLength={20}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={4} sm={2}>
                    <Button
                      type="text"
                      aria-label={t('elder.contactRemove')}
                      data-testid={`elder-contact-remove-${index}`}
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(field.name)}
                    />
                  </Col>
                </Row>
              ))}
              {fields.length < 5 && (
                <Form.Item>
                  <Button
                    type="dashed"
                    block
                    icon={<PlusOutlined />}
                    data-testid="elder-contact-add"
                    onClick={() => add({})}
                  >
                    {t('elder.contactAdd')}
                  </Button>
                </Form.Item>
              )}
            </>
          )}
        </Form.List>

        <Form.Item name="familyUserIds" label={t('elder.fieldFamily')} extra={t('elder.fieldFamilyHint')}>
          <Select<string[]>
            data-testid="elder-field-family"
            mode="tags"
            tokenSeparators={[',', '，', ' ']}
            open={false}
            suffixIcon={null}
            placeholder={t('elder.fieldFamilyPlaceholder')}
          />
        </Form.Item>
      </Form>
      <ActionFailed mutation={create} messageKey="elder.createFailed" testId="elder-form-error" />
    </Modal>
  );
}
