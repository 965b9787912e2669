import { UploadOutlined } from '@ant-design/icons';
import {
  householdImportLimits,
  type HouseholdImportResult,
  type HouseholdImportRow,
} from '@jiefang/contracts';
import {
  Alert,
  App,
  Button,
  Modal,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { ActionFailed } from '../../components/ActionFailed';
import { useImportHouseholds } from '../../households/queries';
import { t } from '../../i18n';

const outcomeColor = { new: 'green', exists: 'default', error: 'red' } as const;

/** 批量导入: pick an .xlsx or .csv, see each row's outcome, then commit the good rows (again is harmless). */
export function HouseholdImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const importing = useImportHouseholds();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<HouseholdImportResult | null>(null);

  const close = () => {
    setFile(null);
    setPreview(null);
    importing.reset();
    onClose();
  };

  const pick = (picked: File) => {
    if (picked.size > householdImportLimits.maxBytes)
      return void message.error(t('household.importTooLarge'));
    setFile(picked);
    importing.mutate({ file: picked, commit: false }, { onSuccess: setPreview });
  };

  const commit = () => {
    if (!file) return;
    importing.mutate(
      { file, commit: true },
      {
        onSuccess: (result) => {
          void message.success(t('household.importDone', result.counts));
          close();
        },
      },
    );
  };

  const columns: TableColumnsType<HouseholdImportRow> = [
    { title: t('household.importColumnRow'), dataIndex: 'row', width: 70 },
    { title: t('household.columnAddress'), dataIndex: 'address' },
    {
      title: t('household.columnPlace'),
      key: 'place',
      render: (_, row) => [row.streetName, row.gridName].filter(Boolean).join(' · '),
    },
    {
      title: t('household.importColumnOutcome'),
      key: 'outcome',
      width: 90,
      render: (_, row) => (
        <Tag color={outcomeColor[row.outcome]}>{t(`household.importOutcome.${row.outcome}`)}</Tag>
      ),
    },
    {
      title: t('household.importColumnErrors'),
      key: 'errors',
      render: (_, row) => <Typography.Text type="danger">{row.errors.join('；')}</Typography.Text>,
    },
  ];

  return (
    <Modal
      open={open}
      title={t('household.importTitle')}
      onCancel={close}
      width={900}
      destroyOnHidden
      okText={t('household.importCommit')}
      okButtonProps={{
        disabled: !preview || preview.counts.new === 0,
        loading: importing.isPending && preview !== null,
        'data-testid': 'household-import-commit',
      }}
      onOk={commit}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{t('household.importHint')}</Typography.Paragraph>
        <Upload
          accept=".xlsx,.csv"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(picked) => {
            pick(picked);
            return false;
          }}
        >
          <Button
            icon={<UploadOutlined />}
            loading={importing.isPending && preview === null}
            data-testid="household-import-pick"
          >
            {t('household.importPick')}
          </Button>
        </Upload>
        <ActionFailed
          mutation={importing}
          messageKey="household.importFailed"
          testId="household-import-error"
        />
        {preview && (
          <>
            <Alert
              type={preview.counts.error > 0 ? 'warning' : 'info'}
              showIcon
              message={t('household.importCounts', preview.counts)}
            />
            <Table<HouseholdImportRow>
              rowKey="row"
              size="small"
              data-testid="household-import-preview"
              columns={columns}
              dataSource={preview.rows}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
            />
          </>
        )}
      </Space>
    </Modal>
  );
}
