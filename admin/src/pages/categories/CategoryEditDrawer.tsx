import {
  categoryIcons,
  categoryLimits,
  categorySchema,
  departments,
  priorities,
  type Category,
} from '@jiefang/contracts';
import { App, Button, Drawer, Form, Grid, Input, InputNumber, Radio, Select, Space, Switch } from 'antd';
import { useEffect } from 'react';
import { ApiError, describeError } from '../../api/errors';
import {
  categoryEditOf,
  fieldLabel,
  formValuesOf,
  iconGlyph,
  type CategoryFormValues,
} from '../../categories/categoryForm';
import { useUpdateCategory } from '../../categories/queries';
import { t } from '../../i18n';
import { departmentLabel, priorityLabel } from '../../tickets/labels';

/** The category a 409 answer carries: what someone else saved meanwhile. */
function currentFrom(error: unknown): Category | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const details = error.details as { current?: unknown } | undefined;
  const parsed = categorySchema.safeParse(details?.current);
  return parsed.success ? parsed.data : null;
}

/** Edits one category: name, icon, department, priority, on-site SLA and whether it is offered. */
export function CategoryEditDrawer({
  category,
  onClose,
  onStale,
}: {
  category: Category | null;
  onClose: () => void;
  /** Someone else saved first: the list should be read again. */
  onStale: () => void;
}) {
  const [form] = Form.useForm<CategoryFormValues>();
  const update = useUpdateCategory();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const code = category?.code;

  // A freshly opened category (or its newer version after a conflict) fills the form again.
  useEffect(() => {
    if (category) form.setFieldsValue(formValuesOf(category));
  }, [category, form]);

  const save = (values: CategoryFormValues) => {
    if (!category) return;
    const body = categoryEditOf(category, values);
    if (!body) {
      void message.info(t('categories.unchanged'));
      onClose();
      return;
    }
    update.mutate(
      { code: category.code, body },
      {
        onSuccess: (done) => {
          void message.success(t('categories.saved', { name: done.name }));
          onClose();
        },
        onError: (error) => {
          const current = currentFrom(error);
          if (current) {
            void message.warning(t('categories.stale'));
            form.setFieldsValue(formValuesOf(current));
            onStale();
          } else void message.error(t('categories.saveFailed', { message: describeError(error) }));
        },
      },
    );
  };

  return (
    <Drawer
      open={Boolean(category)}
      onClose={onClose}
      width={screens.md === false ? '100%' : 480}
      title={category ? t('categories.drawerTitle', { name: category.name }) : ''}
      destroyOnHidden
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('categories.cancel')}</Button>
          <Button
            type="primary"
            loading={update.isPending}
            data-testid="category-save"
            onClick={() => form.submit()}
          >
            {t('categories.save')}
          </Button>
        </Space>
      }
    >
      {code && (
        <Form<CategoryFormValues>
          form={form}
          layout="vertical"
          onFinish={save}
          data-testid="category-form"
          initialValues={category ? formValuesOf(category) : undefined}
        >
          <Form.Item
            name="name"
            label={fieldLabel('name')}
            rules={[
              { required: true, whitespace: true, message: t('categories.nameRequired') },
              { max: categoryLimits.nameMaxLength, message: t('categories.nameTooLong') },
            ]}
          >
            <Input data-testid="category-name" maxLength={categoryLimits.nameMaxLength} showCount />
          </Form.Item>
          <Form.Item name="icon" label={fieldLabel('icon')}>
            <Radio.Group optionType="button" data-testid="category-icon">
              {categoryIcons.map((icon) => (
                <Radio.Button
                  key={icon}
                  value={icon}
                  aria-label={icon}
                  style={{ fontSize: 20, width: 48, textAlign: 'center', marginBottom: 4 }}
                >
                  {iconGlyph(icon)}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="department" label={fieldLabel('department')}>
            <Select
              data-testid="category-department"
              options={departments.map((department) => ({
                value: department,
                label: departmentLabel(department),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="departmentName"
            label={fieldLabel('departmentName')}
            rules={[
              { required: true, whitespace: true, message: t('categories.departmentNameRequired') },
              {
                max: categoryLimits.departmentNameMaxLength,
                message: t('categories.departmentNameTooLong'),
              },
            ]}
          >
            <Input
              data-testid="category-department-name"
              maxLength={categoryLimits.departmentNameMaxLength}
            />
          </Form.Item>
          <Form.Item name="priority" label={fieldLabel('priority')}>
            <Radio.Group
              optionType="button"
              options={priorities.map((priority) => ({ value: priority, label: priorityLabel(priority) }))}
            />
          </Form.Item>
          <Form.Item
            name="onSiteSlaMinutes"
            label={fieldLabel('onSiteSlaMinutes')}
            extra={t('categories.slaHint')}
            rules={[
              {
                required: true,
                type: 'integer',
                min: categoryLimits.minSlaMinutes,
                max: categoryLimits.maxSlaMinutes,
                message: t('categories.slaRange'),
              },
            ]}
          >
            <InputNumber
              data-testid="category-sla"
              min={categoryLimits.minSlaMinutes}
              max={categoryLimits.maxSlaMinutes}
              precision={0}
              suffix={t('categories.minutesUnit')}
              style={{ width: 180 }}
            />
          </Form.Item>
          <Form.Item
            name="enabled"
            label={fieldLabel('enabled')}
            valuePropName="checked"
            extra={t('categories.enabledHint')}
          >
            <Switch checkedChildren={t('categories.enabled')} unCheckedChildren={t('categories.disabled')} />
          </Form.Item>
        </Form>
      )}
    </Drawer>
  );
}
