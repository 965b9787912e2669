import { ThunderboltOutlined } from '@ant-design/icons';
import {
  passwordRules,
  roles,
  staffPasswordSchema,
  staffRoles,
  usernameSchema,
  type Role,
  type User,
} from '@jiefang/contracts';
import { Alert, App, Button, Drawer, Form, Input, Select, Space } from 'antd';
import { describeError, ApiError } from '../../api/errors';
import { t } from '../../i18n';
import { roleLabel } from '../../i18n/roles';
import { useCreateStaff, useUpdateStaff } from '../../staff/queries';
import {
  createRequestOf,
  editRequestOf,
  emptyStaffForm,
  endsSessions,
  generatedPassword,
  gridOptions,
  needsStreet,
  staffFormOf,
  takesGrid,
  type StaffFormValues,
} from '../../staff/staffForm';
import { useDistrict } from '../../tickets/queries';

/** Roles a street's administrator may hand out: dispatchers work for the whole district. */
const roleChoices = (ownStreet: string | undefined) =>
  roles
    .filter((role) => staffRoles.includes(role))
    .filter((role) => !ownStreet || role !== 'dispatcher')
    .map((role) => ({ value: role, label: roleLabel(role) }));

/** The BFF's field errors (400 `details.fields`), for the form's own fields. */
function fieldErrorsOf(error: unknown): Array<{ name: keyof StaffFormValues; errors: string[] }> {
  if (!(error instanceof ApiError)) return [];
  const fields = (error.details as { fields?: Array<{ path: string; message: string }> } | undefined)?.fields;
  const known = Object.keys(emptyStaffForm).concat('street', 'grid');
  return (fields ?? [])
    .filter((field) => known.includes(field.path))
    .map((field) => ({ name: field.path as keyof StaffFormValues, errors: [field.message] }));
}

/**
 * Creates a staff account or edits one: roles, street (the squad follows), grid for a community worker,
 * contacts; a new account's first password must be changed at first sign-in. A street administrator's
 * accounts stay in their street.
 */
export function StaffFormDrawer({
  user,
  ownStreet,
  onClose,
}: {
  user: User | null;
  ownStreet: string | undefined;
  onClose: () => void;
}) {
  const [form] = Form.useForm<StaffFormValues>();
  const { message } = App.useApp();
  const district = useDistrict();
  const create = useCreateStaff();
  const update = useUpdateStaff();
  const saving = create.isPending || update.isPending;
  const failure = create.error ?? update.error;
  const chosenRoles: Role[] = Form.useWatch('roles', form) ?? [];
  const chosenStreet: string | undefined = Form.useWatch('street', form);
  const initial = user
    ? staffFormOf(user)
    : { ...emptyStaffForm, ...(ownStreet ? { street: ownStreet } : {}) };

  const streetOptions = (district.data?.features ?? [])
    .filter((street) => !ownStreet || street.properties.id === ownStreet)
    .map((street) => ({ value: street.properties.id, label: street.properties.name }));

  async function submit(values: StaffFormValues) {
    const merged = { ...initial, ...values };
    try {
      if (!user) {
        const created = await create.mutateAsync(createRequestOf(merged));
        void message.success(t('staff.created', { name: created.name }));
      } else {
        const change = editRequestOf(user, merged);
        if (!change) {
          void message.info(t('staff.noChange'));
          return onClose();
        }
        await update.mutateAsync({ id: user.id, change });
        void message.success(t('staff.saved'));
      }
      onClose();
    } catch (error) {
      form.setFields(fieldErrorsOf(error));
    }
  }

  const editing = user !== null;
  // Warned before saving: new roles or another street end the person's sessions.
  const movesSessions =
    user !== null &&
    chosenRoles.length > 0 &&
    endsSessions(editRequestOf(user, { ...initial, roles: chosenRoles, street: chosenStreet }) ?? {});

  return (
    <Drawer
      open
      width={480}
      title={user ? t('staff.drawerEdit', { name: user.name }) : t('staff.drawerCreate')}
      onClose={onClose}
      destroyOnHidden
      data-testid="staff-drawer"
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('staff.cancel')}</Button>
          <Button type="primary" loading={saving} data-testid="staff-save" onClick={() => form.submit()}>
            {t('staff.save')}
          </Button>
        </Space>
      }
    >
      <Form<StaffFormValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={initial}
        disabled={saving}
        onFinish={submit}
        onValuesChange={(changed: Partial<StaffFormValues>) => {
          // A grid is in one street: a new street (or no longer a community worker) clears it.
          if ('street' in changed || ('roles' in changed && !takesGrid(changed.roles ?? [])))
            form.setFieldValue('grid', undefined);
          if (failure) {
            create.reset();
            update.reset();
          }
        }}
      >
        {!editing && (
          <>
            <Form.Item
              label={t('staff.fieldUsername')}
              name="username"
              extra={t('staff.fieldUsernameHelp')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('staff.required', { field: t('staff.fieldUsername') }),
                },
                {
                  validator: (_, value: string) => {
                    const parsed = usernameSchema.safeParse(value ?? '');
                    return parsed.success || !value
                      ? Promise.resolve()
                      : Promise.reject(new Error(parsed.error.issues[0]?.message));
                  },
                },
              ]}
            >
              <Input data-testid="staff-username" autoComplete="off" maxLength={40} />
            </Form.Item>
            <Form.Item
              label={t('staff.fieldPassword')}
              extra={t('staff.fieldPasswordHelp', { min: passwordRules.minLength })}
              required
            >
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item
                  name="password"
                  noStyle
                  rules={[
                    { required: true, message: t('staff.required', { field: t('staff.fieldPassword') }) },
                    {
                      validator: (_, value: string) => {
                        const parsed = staffPasswordSchema.safeParse(value ?? '');
                        return parsed.success || !value
                          ? Promise.resolve()
                          : Promise.reject(new Error(parsed.error.issues[0]?.message));
                      },
                    },
                  ]}
                >
                  <Input
                    data-testid="staff-password"
                    autoComplete="new-password"
                    maxLength={passwordRules.maxLength}
                  />
                </Form.Item>
                <Button
                  icon={<ThunderboltOutlined />}
                  data-testid="staff-generate-password"
                  onClick={() => form.setFieldsValue({ password: generatedPassword() })}
                >
                  {t('staff.generatePassword')}
                </Button>
              </Space.Compact>
            </Form.Item>
          </>
        )}
        <Form.Item
          label={t('staff.fieldName')}
          name="name"
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('staff.required', { field: t('staff.fieldName') }),
            },
          ]}
        >
          <Input data-testid="staff-name" maxLength={40} />
        </Form.Item>
        <Form.Item
          label={t('staff.fieldRoles')}
          name="roles"
          rules={[{ required: true, type: 'array', min: 1, message: t('staff.rolesRequired') }]}
        >
          <Select<Role[]> data-testid="staff-roles" mode="multiple" options={roleChoices(ownStreet)} />
        </Form.Item>
        <Form.Item
          label={t('staff.fieldStreet')}
          name="street"
          extra={t('staff.fieldStreetHelp')}
          rules={[
            {
              validator: (_, value: string | undefined) =>
                needsStreet(form.getFieldValue('roles') ?? []) && !value
                  ? Promise.reject(new Error(t('staff.streetRequired')))
                  : Promise.resolve(),
            },
          ]}
        >
          <Select<string>
            data-testid="staff-street"
            allowClear={!ownStreet}
            disabled={Boolean(ownStreet)}
            loading={district.isPending}
            placeholder={t('staff.fieldNoStreet')}
            options={streetOptions}
          />
        </Form.Item>
        {takesGrid(chosenRoles) && (
          <Form.Item label={t('staff.fieldGrid')} name="grid" extra={t('staff.fieldGridHelp')}>
            <Select<string>
              data-testid="staff-grid"
              allowClear
              placeholder={t('staff.fieldNoGrid')}
              options={gridOptions(district.data, chosenStreet)}
            />
          </Form.Item>
        )}
        <Form.Item label={t('staff.fieldPhone')} name="phone">
          <Input data-testid="staff-phone" maxLength={20} inputMode="tel" />
        </Form.Item>
        <Form.Item label={t('staff.fieldWecom')} name="wecomUserId">
          <Input data-testid="staff-wecom" maxLength={64} />
        </Form.Item>
        {movesSessions && <Alert type="warning" showIcon message={t('staff.sessionsWarning')} />}
        {failure && fieldErrorsOf(failure).length === 0 && (
          <Alert
            data-testid="staff-save-error"
            type="error"
            showIcon
            style={{ marginTop: 16 }}
            message={describeError(failure)}
          />
        )}
      </Form>
    </Drawer>
  );
}
