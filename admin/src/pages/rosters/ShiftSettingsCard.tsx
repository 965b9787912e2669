import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { type SquadSchedule, type SquadScheduleRequest } from '@jiefang/contracts';
import { Alert, App, Button, Card, Form, Input, Space, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import { describeError } from '../../api/errors';
import { t } from '../../i18n';
import { useSaveSchedule } from '../../rosters/queries';

const clockPattern = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The squad's shifts and whether dispatch follows the roster. */
export function ShiftSettingsCard({ schedule }: { schedule: SquadSchedule }) {
  const [form] = Form.useForm<SquadScheduleRequest>();
  const { message } = App.useApp();
  const save = useSaveSchedule(schedule.squadId);
  const rosterDispatch = Form.useWatch('rosterDispatch', form);

  useEffect(() => {
    form.setFieldsValue({ rosterDispatch: schedule.rosterDispatch, shifts: schedule.shifts });
  }, [form, schedule]);

  function submit(values: SquadScheduleRequest) {
    // Saved shifts keep their ids (their rosters hang on them); new rows get an unused one.
    const used = new Set(values.shifts.map((shift) => shift.id).filter(Boolean));
    let next = 1;
    const freshId = () => {
      while (used.has(`shift${next}`)) next += 1;
      used.add(`shift${next}`);
      return `shift${next}`;
    };
    const shifts = values.shifts.map((shift) => ({ ...shift, id: shift.id || freshId() }));
    save.mutate(
      { rosterDispatch: values.rosterDispatch, shifts },
      { onSuccess: () => void message.success(t('rosters.settingsSaved')) },
    );
  }

  return (
    <Card size="small" title={t('rosters.settings')}>
      <Form<SquadScheduleRequest> form={form} layout="vertical" onFinish={submit} disabled={save.isPending}>
        <Form.Item name="rosterDispatch" label={t('rosters.rosterDispatch')} valuePropName="checked">
          <Switch data-testid="roster-dispatch-switch" />
        </Form.Item>
        <Typography.Paragraph type="secondary">
          {rosterDispatch ? t('rosters.rosterDispatchHint') : t('rosters.rosterDispatchOff')}
        </Typography.Paragraph>
        <Form.List name="shifts">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item name={[field.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'name']}
                    label={t('rosters.shiftName')}
                    rules={[{ required: true, max: 10 }]}
                  >
                    <Input style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'start']}
                    label={t('rosters.shiftStart')}
                    rules={[{ required: true, pattern: clockPattern, message: 'HH:MM' }]}
                  >
                    <Input style={{ width: 100 }} placeholder="08:00" />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={t('rosters.removeShift')}
                      onClick={() => remove(field.name)}
                    />
                  )}
                </Space>
              ))}
              {fields.length < 4 && (
                <Button icon={<PlusOutlined />} onClick={() => add({ id: '', name: '', start: '' })}>
                  {t('rosters.addShift')}
                </Button>
              )}
            </Space>
          )}
        </Form.List>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('rosters.shiftsHint')}
        </Typography.Paragraph>
        {save.isError && (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} message={describeError(save.error)} />
        )}
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="roster-settings-save">
          {t('rosters.saveSettings')}
        </Button>
      </Form>
    </Card>
  );
}
