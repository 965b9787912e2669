import { type Ticket } from '@jiefang/contracts';
import { Alert, App, Form, Input, Modal, Select, Space, Tag, Typography, type SelectProps } from 'antd';
import { useMemo } from 'react';
import { describeError } from '../../api/errors';
import { t } from '../../i18n';
import { formatDistance } from '../../tickets/geo';
import { assignmentWarning, rankOfficers, type RankedOfficer } from '../../tickets/officerRanking';
import { useAssign, useOfficers, useStreets } from '../../tickets/queries';
import { useNow } from '../../tickets/useNow';

interface AssignForm {
  officerId: string;
  reason?: string;
}

/** Manual assignment or reassignment: officers ranked by duty, distance and workload. */
export function AssignDialog({
  ticket,
  open,
  onClose,
}: {
  ticket: Ticket;
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<AssignForm>();
  const { message } = App.useApp();
  const assign = useAssign();
  const officers = useOfficers(open, open ? 10_000 : false);
  const streets = useStreets();
  const now = useNow();
  // Re-rank once a minute, not every second: the list must not jump under the pointer.
  const minute = Math.floor(now / 60_000);

  const ranked = useMemo(
    () => rankOfficers(officers.data?.items ?? [], ticket.location, minute * 60_000),
    [officers.data, ticket.location, minute],
  );

  const chosenId = Form.useWatch('officerId', form);
  const chosen = officers.data?.items.find((officer) => officer.id === chosenId);
  const warning = chosen ? assignmentWarning(chosen) : null;

  const squadName = (squadId: string) =>
    streets.data?.items.find((street) => street.squadId === squadId)?.squadName ?? squadId;

  const toOption = (entry: RankedOfficer) => ({
    value: entry.officer.id,
    label: entry.officer.name,
    disabled: entry.officer.id === ticket.assigneeId,
    entry,
  });
  const own = ranked.filter((entry) => entry.officer.squadId === ticket.squadId).map(toOption);
  const others = ranked.filter((entry) => entry.officer.squadId !== ticket.squadId);
  const otherGroups = [...new Set(others.map((entry) => entry.officer.squadId))].map((squadId) => ({
    label: squadName(squadId),
    title: squadName(squadId),
    options: others.filter((entry) => entry.officer.squadId === squadId).map(toOption),
  }));
  const options: SelectProps['options'] =
    otherGroups.length === 0
      ? own
      : [
          ...(own.length ? [{ label: t('assign.ownSquad'), title: t('assign.ownSquad'), options: own }] : []),
          ...otherGroups,
        ];

  function submit(values: AssignForm) {
    const name =
      officers.data?.items.find((officer) => officer.id === values.officerId)?.name ?? values.officerId;
    assign.mutate(
      { id: ticket.id, officerId: values.officerId, reason: values.reason?.trim() || undefined },
      {
        onSuccess: () => {
          void message.success(t('assign.success', { name }));
          close();
        },
      },
    );
  }

  function close() {
    form.resetFields();
    assign.reset();
    onClose();
  }

  return (
    <Modal
      open={open}
      title={t('assign.title')}
      onCancel={close}
      okText={warning ? t('assign.submitAnyway') : t('assign.submit')}
      okButtonProps={{ 'data-testid': 'assign-submit', loading: assign.isPending }}
      onOk={() => form.submit()}
      destroyOnHidden
      width={560}
    >
      <Form<AssignForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        disabled={assign.isPending}
      >
        {officers.isError && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('assign.loadFailed', { message: describeError(officers.error) })}
          />
        )}
        <Form.Item
          name="officerId"
          label={t('assign.officer')}
          rules={[{ required: true, message: t('assign.officerRequired') }]}
        >
          <Select
            data-testid="assign-officer-select"
            showSearch
            optionFilterProp="label"
            placeholder={t('assign.officerPlaceholder')}
            loading={officers.isPending}
            notFoundContent={officers.isPending ? undefined : t('assign.noOfficers')}
            options={options}
            listHeight={320}
            // The modal zooms in: a width measured mid-animation must not leave a sliver of a list.
            styles={{ popup: { root: { minWidth: 300 } } }}
            optionRender={(option) => {
              const entry = (option.data as { entry?: RankedOfficer }).entry;
              return entry ? (
                <OfficerOption entry={entry} current={entry.officer.id === ticket.assigneeId} />
              ) : (
                option.label
              );
            }}
          />
        </Form.Item>
        {chosen && warning && (
          <Alert
            data-testid="assign-warning"
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            message={t(`assign.warning.${warning}`, { name: chosen.name })}
            description={t('assign.warningHint')}
          />
        )}
        <Form.Item name="reason" label={t('assign.reason')}>
          <Input maxLength={200} placeholder={t('assign.reasonPlaceholder')} />
        </Form.Item>
        {assign.isError && <Alert type="error" showIcon message={describeError(assign.error)} />}
      </Form>
    </Modal>
  );
}

function OfficerOption({ entry, current }: { entry: RankedOfficer; current: boolean }) {
  const { officer } = entry;
  const ageMinutes = entry.locationAgeMs === null ? null : Math.floor(entry.locationAgeMs / 60_000);
  return (
    <div
      data-testid={`assign-officer-option-${officer.id}`}
      style={{ display: 'flex', flexDirection: 'column' }}
    >
      <Space size={6} wrap>
        <Typography.Text strong>{officer.name}</Typography.Text>
        <Tag color={officer.onDuty ? 'success' : 'default'} style={{ marginInlineEnd: 0 }}>
          {officer.onDuty ? t('assign.onDuty') : t('assign.offDuty')}
        </Tag>
        {officer.onShift !== null && (
          <Tag color={officer.onShift ? 'success' : 'warning'} style={{ marginInlineEnd: 0 }}>
            {officer.onShift ? t('assign.onShift') : t('assign.offShift')}
          </Tag>
        )}
        {current && (
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            {t('assign.current')}
          </Tag>
        )}
        {entry.full && (
          <Tag color="orange" style={{ marginInlineEnd: 0 }}>
            {t('assign.full')}
          </Tag>
        )}
      </Space>
      <Typography.Text type="secondary" style={{ whiteSpace: 'normal' }}>
        {[
          entry.distanceMeters === null ? t('assign.noLocation') : formatDistance(entry.distanceMeters),
          ageMinutes === null
            ? null
            : ageMinutes < 1
              ? t('assign.locationFresh')
              : t('assign.locationAge', { minutes: ageMinutes }),
          t('assign.workload', { active: officer.activeTickets, capacity: officer.capacity }),
          t(`travelMode.${officer.travelMode}`),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography.Text>
    </div>
  );
}
