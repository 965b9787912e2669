import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { type Household } from '@jiefang/contracts';
import { App, Button, Divider, Drawer, Form, Input, Space } from 'antd';
import { ApiError } from '../../api/errors';
import { ActionFailed } from '../../components/ActionFailed';
import { PinPickerMap } from '../../components/map/PinPickerMap';
import {
  buildCreateRequest,
  householdUpdateDiff,
  type HouseholdFormValues,
} from '../../households/householdForm';
import { useCreateHousehold, useUpdateHousehold } from '../../households/queries';
import { t } from '../../i18n';
import { OwnerSection } from './OwnerSection';

/** 新建住户 (no `household`), 编辑住户, or read-only 住户信息: the address picked on the map, contacts, owners. */
export function HouseholdDrawer({
  open,
  household,
  readOnly,
  onClose,
  onCreated,
}: {
  open: boolean;
  household: Household | null;
  readOnly: boolean;
  onClose: () => void;
  onCreated: (household: Household) => void;
}) {
  const [form] = Form.useForm<HouseholdFormValues>();
  const { message } = App.useApp();
  const create = useCreateHousehold();
  const update = useUpdateHousehold();
  const mutation = household ? update : create;
  const householdId = household?.id;

  const onServerError = (error: unknown) => {
    if (!(error instanceof ApiError)) return;
    const fields = (error.details as { fields?: Array<{ path: string; message: string }> } | undefined)
      ?.fields;
    for (const field of fields ?? [])
      form.setFields([
        { name: field.path.split('.')[0] as keyof HouseholdFormValues, errors: [field.message] },
      ]);
  };

  function submit(values: HouseholdFormValues) {
    if (!household) {
      const built = buildCreateRequest(values);
      if (!built.ok) {
        form.setFields([
          {
            name: built.missing,
            errors: [
              t(
                built.missing === 'address' ? 'household.fieldAddressRequired' : 'household.locationRequired',
              ),
            ],
          },
        ]);
        return;
      }
      create.mutate(built.request, {
        onSuccess: (created) => {
          void message.success(t('household.created'));
          onCreated(created);
        },
        onError: onServerError,
      });
      return;
    }
    const diff = householdUpdateDiff(household, values);
    if (Object.keys(diff).length === 0) return void message.info(t('household.noChanges'));
    update.mutate(
      { id: household.id, body: diff },
      { onSuccess: () => void message.success(t('household.saved')), onError: onServerError },
    );
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={640}
      destroyOnHidden
      title={t(
        !household ? 'household.createTitle' : readOnly ? 'household.viewTitle' : 'household.editTitle',
      )}
      extra={
        !readOnly && (
          <Button
            type="primary"
            data-testid="household-save"
            loading={mutation.isPending}
            onClick={() => form.submit()}
          >
            {t(household ? 'household.save' : 'household.create')}
          </Button>
        )
      }
      data-testid="household-drawer"
    >
      <Form<HouseholdFormValues>
        // A new form for each household (and for the one just created): its values are the household's.
        key={householdId ?? 'new'}
        form={form}
        initialValues={
          household
            ? { address: household.address, location: household.location, contacts: household.contacts }
            : { contacts: [] }
        }
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        disabled={readOnly || mutation.isPending}
      >
        <Form.Item name="address" label={t('household.fieldAddress')}>
          <Input
            data-testid="household-address"
            placeholder={t('household.fieldAddressPlaceholder')}
            maxLength={120}
          />
        </Form.Item>
        <Form.Item name="location" label={t('household.fieldLocation')}>
          <PinPickerMap pinLabel={t('household.fieldLocation')} disabled={readOnly} height={280} />
        </Form.Item>
        <Form.List name="contacts">
          {(fields, { add, remove }) => (
            <Form.Item label={t('household.contacts')}>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[field.name, 'name']} noStyle>
                    <Input placeholder={t('household.contactName')} maxLength={40} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'phone']} noStyle>
                    <Input placeholder={t('household.contactPhone')} maxLength={14} style={{ width: 180 }} />
                  </Form.Item>
                  {!readOnly && <MinusCircleOutlined onClick={() => remove(field.name)} />}
                </Space>
              ))}
              {!readOnly && fields.length < 5 && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', phone: '' })}>
                  {t('household.addContact')}
                </Button>
              )}
            </Form.Item>
          )}
        </Form.List>
      </Form>
      <ActionFailed mutation={mutation} messageKey="household.saveFailed" testId="household-error" />
      <Divider />
      {household ? (
        <OwnerSection household={household} readOnly={readOnly} />
      ) : (
        <Space>{t('household.saveFirst')}</Space>
      )}
    </Drawer>
  );
}
