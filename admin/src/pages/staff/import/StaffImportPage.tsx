import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { type StaffImportHeader, type StaffImportResult, type StaffImportRow } from '@jiefang/contracts';
import { Alert, Button, Card, Checkbox, Progress, Space, Table, Tag, Typography, Upload } from 'antd';
import { type ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { describeError } from '../../../api/errors';
import { saveBlob } from '../../../exports/exportDownload';
import { t } from '../../../i18n';
import { roleLabels } from '../../../i18n/roles';
import { downloadTemplate, sendStaffFile } from './staffImportApi';
import {
  canCommit,
  cellOf,
  createdRows,
  errorsByColumn,
  fileProblem,
  passwordsFilename,
  statusKey,
  usedColumns,
  workbookBlob,
} from './staffImportModel';

type Step =
  | { step: 'idle' }
  | { step: 'sending'; file: File; commit: boolean; percent: number }
  | { step: 'checked'; file: File; result: StaffImportResult }
  | { step: 'failed'; file?: File; message: string };

const statusColour: Record<StaffImportRow['status'], string> = {
  ready: 'blue',
  created: 'green',
  already_imported: 'default',
  invalid: 'red',
};

const invalidRowStyle = { background: '#fff1f0' };
/** Usernames, names and passwords are read off the screen: never broken across lines. */
const noWrap = { whiteSpace: 'nowrap' } as const;

function columnsFor(result: StaffImportResult): ColumnsType<StaffImportRow> {
  const cellColumn = (header: StaffImportHeader): ColumnsType<StaffImportRow>[number] => ({
    title: header,
    key: header,
    onCell: () => ({ style: noWrap }),
    render: (_, row) => {
      const bad = errorsByColumn(row).has(header);
      const text =
        header === '角色' && row.account ? roleLabels(row.account.roles).join('、') : cellOf(row, header);
      return bad ? (
        <Typography.Text type="danger" strong data-testid={`staff-import-bad-${row.row}-${header}`}>
          {text || '—'}
        </Typography.Text>
      ) : (
        text
      );
    },
  });
  return [
    {
      title: t('staffImport.column.row'),
      dataIndex: 'row',
      key: 'row',
      width: 56,
      onCell: () => ({ style: noWrap }),
    },
    {
      title: t('staffImport.column.status'),
      key: 'status',
      width: 96,
      onCell: () => ({ style: noWrap }),
      render: (_, row) => <Tag color={statusColour[row.status]}>{t(statusKey(row))}</Tag>,
    },
    ...usedColumns(result).map(cellColumn),
    ...(result.committed
      ? [
          {
            title: t('staffImport.column.password'),
            key: 'password',
            onCell: () => ({ style: noWrap }),
            render: (_: unknown, row: StaffImportRow) =>
              row.oneTimePassword ? (
                <Typography.Text code copyable data-testid={`staff-import-password-${row.row}`}>
                  {row.oneTimePassword}
                </Typography.Text>
              ) : null,
          },
        ]
      : []),
    {
      title: t('staffImport.column.errors'),
      key: 'errors',
      render: (_, row) => (
        <Space direction="vertical" size={0}>
          {row.errors.map((error) => (
            <Typography.Text type="danger" key={`${error.path}:${error.message}`}>
              {error.path === '(行)' ? error.message : `${error.path}：${error.message}`}
            </Typography.Text>
          ))}
        </Space>
      ),
    },
  ];
}

/**
 * 批量导入工作人员: the template, an upload checked by the BFF into a preview (nothing written), then the
 * import of the same file (checked again there) and the one-time passwords, shown and downloadable once.
 * The passwords' .xlsx is built by the BFF and comes base64 in the import's answer.
 */
export function StaffImportPage() {
  const [state, setState] = useState<Step>({ step: 'idle' });
  const [templateError, setTemplateError] = useState<string | null>(null);
  const [onlyInvalid, setOnlyInvalid] = useState(false);

  async function send(file: File, commit: boolean) {
    const problem = fileProblem(file);
    if (problem) {
      setState({ step: 'failed', message: t(problem) });
      return;
    }
    setState({ step: 'sending', file, commit, percent: 0 });
    try {
      const result = await sendStaffFile(file, commit, (fraction) =>
        setState({ step: 'sending', file, commit, percent: Math.round(fraction * 100) }),
      );
      setOnlyInvalid(false);
      setState({ step: 'checked', file, result });
    } catch (error) {
      setState({ step: 'failed', file, message: describeError(error) });
    }
  }

  async function template() {
    setTemplateError(null);
    try {
      const { blob, filename } = await downloadTemplate();
      saveBlob(blob, filename);
    } catch (error) {
      setTemplateError(t('staffImport.templateFailed', { message: describeError(error) }));
    }
  }

  const result = state.step === 'checked' ? state.result : null;
  const rows = result ? result.rows.filter((row) => !onlyInvalid || row.status === 'invalid') : [];
  const created = result?.committed ? createdRows(result) : [];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="staff-import-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('staffImport.title')}
      </Typography.Title>
      <Card>
        <Typography.Paragraph type="secondary">{t('staffImport.subtitle')}</Typography.Paragraph>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Button
            icon={<DownloadOutlined />}
            onClick={() => void template()}
            data-testid="staff-import-template"
          >
            {t('staffImport.template')}
          </Button>
          {templateError && <Alert type="error" showIcon message={templateError} />}
          {(state.step === 'idle' || state.step === 'failed') && (
            <Upload.Dragger
              accept=".xlsx,.csv"
              multiple={false}
              showUploadList={false}
              beforeUpload={(file) => {
                void send(file, false);
                return false;
              }}
              data-testid="staff-import-upload"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('staffImport.drop')}</p>
              <p className="ant-upload-hint">{t('staffImport.dropHint')}</p>
            </Upload.Dragger>
          )}
          {state.step === 'sending' && (
            <div data-testid="staff-import-progress">
              <Typography.Text>
                {state.percent < 100
                  ? t('staffImport.uploading', { percent: state.percent })
                  : state.commit
                    ? t('staffImport.committing')
                    : t('staffImport.checking')}
              </Typography.Text>
              <Progress percent={state.percent} status="active" />
            </div>
          )}
          {state.step === 'failed' && (
            <Alert
              type="error"
              showIcon
              data-testid="staff-import-error"
              message={t('staffImport.failed', { message: state.message })}
            />
          )}
        </Space>
      </Card>
      {state.step === 'checked' && result && (
        <Card data-testid={result.committed ? 'staff-import-result' : 'staff-import-preview'}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Typography.Text type="secondary">
              {t('staffImport.file', { name: state.file.name })}
            </Typography.Text>
            <Typography.Text strong data-testid="staff-import-totals">
              {result.committed
                ? t('staffImport.resultTotals', {
                    rows: result.totals.rows,
                    created: result.totals.created,
                    existing: result.totals.alreadyImported,
                    invalid: result.totals.invalid,
                  })
                : t('staffImport.totals', {
                    rows: result.totals.rows,
                    ready: result.totals.ready,
                    existing: result.totals.alreadyImported,
                    invalid: result.totals.invalid,
                  })}
            </Typography.Text>
            {result.committed && created.length > 0 && (
              <Alert
                type="warning"
                showIcon
                data-testid="staff-import-once"
                message={t('staffImport.passwordsOnce')}
                action={
                  result.passwordsWorkbook ? (
                    <Button
                      type="primary"
                      icon={<DownloadOutlined />}
                      data-testid="staff-import-download-passwords"
                      onClick={() =>
                        saveBlob(workbookBlob(result.passwordsWorkbook!), passwordsFilename(Date.now()))
                      }
                    >
                      {t('staffImport.downloadPasswords')}
                    </Button>
                  ) : undefined
                }
              />
            )}
            {result.committed && created.length === 0 && (
              <Alert type="info" showIcon message={t('staffImport.noneCreated')} />
            )}
            {!result.committed && result.totals.invalid > 0 && (
              <Alert type="warning" showIcon message={t('staffImport.onlyValid')} />
            )}
            <Space wrap>
              {!result.committed && (
                <Button
                  type="primary"
                  icon={<UploadOutlined />}
                  disabled={!canCommit(result)}
                  onClick={() => void send(state.file, true)}
                  data-testid="staff-import-commit"
                >
                  {t('staffImport.commit', { count: result.totals.ready })}
                </Button>
              )}
              <Button onClick={() => setState({ step: 'idle' })} data-testid="staff-import-again">
                {t('staffImport.again')}
              </Button>
              <Checkbox checked={onlyInvalid} onChange={(event) => setOnlyInvalid(event.target.checked)}>
                {t('staffImport.filterInvalid')}
              </Checkbox>
            </Space>
            <Table<StaffImportRow>
              size="small"
              rowKey="row"
              data-testid="staff-import-table"
              columns={columnsFor(result)}
              dataSource={rows}
              pagination={{ pageSize: 100, hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              onRow={(row) => (row.status === 'invalid' ? { style: invalidRowStyle } : {})}
            />
          </Space>
        </Card>
      )}
    </Space>
  );
}
