import { ArrowLeftOutlined, DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { type DeviceImportHeader, type DeviceImportResult, type DeviceImportRow } from '@jiefang/contracts';
import { Alert, Button, Card, Checkbox, Progress, Space, Table, Tag, Typography, Upload } from 'antd';
import { type ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { describeError } from '../../../api/errors';
import { saveBlob } from '../../../exports/exportDownload';
import { t } from '../../../i18n';
import { workbookBlob } from '../../../imports/importWorkbook';
import { downloadDeviceTemplate, sendDeviceFile } from './deviceImportApi';
import {
  canCommit,
  cellOf,
  errorsByColumn,
  fileProblem,
  secretsFilename,
  statusKey,
  usedColumns,
} from './deviceImportModel';

type Step =
  | { step: 'idle' }
  | { step: 'sending'; file: File; commit: boolean; percent: number }
  | { step: 'checked'; file: File; result: DeviceImportResult }
  | { step: 'failed'; file?: File; message: string };

const statusColour: Record<DeviceImportRow['status'], string> = {
  ready: 'blue',
  created: 'green',
  already_imported: 'default',
  invalid: 'red',
};

const invalidRowStyle = { background: '#fff1f0' };
/** Ids and coordinates are read off the screen: never broken across lines. */
const noWrap = { whiteSpace: 'nowrap' } as const;

function columnsFor(result: DeviceImportResult): ColumnsType<DeviceImportRow> {
  const cellColumn = (header: DeviceImportHeader): ColumnsType<DeviceImportRow>[number] => ({
    title: header,
    key: header,
    onCell: () => ({ style: noWrap }),
    render: (_, row) => {
      const text = cellOf(row, header);
      return errorsByColumn(row).has(header) ? (
        <Typography.Text type="danger" strong data-testid={`device-import-bad-${row.row}-${header}`}>
          {text || '—'}
        </Typography.Text>
      ) : (
        text
      );
    },
  });
  return [
    {
      title: t('deviceImport.column.row'),
      dataIndex: 'row',
      key: 'row',
      width: 56,
      onCell: () => ({ style: noWrap }),
    },
    {
      title: t('deviceImport.column.status'),
      key: 'status',
      width: 96,
      onCell: () => ({ style: noWrap }),
      render: (_, row) => <Tag color={statusColour[row.status]}>{t(statusKey(row))}</Tag>,
    },
    ...usedColumns(result).map(cellColumn),
    {
      title: t('deviceImport.column.note'),
      key: 'note',
      // Kept in view however wide the sheet's columns make the table: it says why a row is not imported.
      fixed: 'right',
      width: 300,
      render: (_, row) => (
        <Space direction="vertical" size={0}>
          {row.errors.map((error) => (
            <Typography.Text type="danger" key={`${error.path}:${error.message}`}>
              {error.path === '(行)' ? error.message : `${error.path}：${error.message}`}
            </Typography.Text>
          ))}
          {row.note && <Typography.Text type="secondary">{row.note}</Typography.Text>}
        </Space>
      ),
    },
  ];
}

/**
 * 批量导入设备: the template, an upload checked by the BFF into a preview (nothing written), then the
 * import of the same file (checked again there) and the devices' MQTT secrets as an .xlsx, given once.
 * The secrets are never shown on the page: the workbook (base64 in the import's answer) is their only copy.
 */
export function DeviceImportPage() {
  const navigate = useNavigate();
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
      const result = await sendDeviceFile(file, commit, (fraction) =>
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
      const { blob, filename } = await downloadDeviceTemplate();
      saveBlob(blob, filename);
    } catch (error) {
      setTemplateError(t('deviceImport.templateFailed', { message: describeError(error) }));
    }
  }

  const result = state.step === 'checked' ? state.result : null;
  const rows = result ? result.rows.filter((row) => !onlyInvalid || row.status === 'invalid') : [];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="device-import-page">
      <Space align="center">
        <Button
          icon={<ArrowLeftOutlined />}
          onClick={() => navigate('/devices')}
          data-testid="device-import-back"
        >
          {t('deviceImport.back')}
        </Button>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('deviceImport.title')}
        </Typography.Title>
      </Space>
      <Card>
        <Typography.Paragraph type="secondary">{t('deviceImport.subtitle')}</Typography.Paragraph>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Button
            icon={<DownloadOutlined />}
            onClick={() => void template()}
            data-testid="device-import-template"
          >
            {t('deviceImport.template')}
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
              data-testid="device-import-upload"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('deviceImport.drop')}</p>
              <p className="ant-upload-hint">{t('deviceImport.dropHint')}</p>
            </Upload.Dragger>
          )}
          {state.step === 'sending' && (
            <div data-testid="device-import-progress">
              <Typography.Text>
                {state.percent < 100
                  ? t('deviceImport.uploading', { percent: state.percent })
                  : state.commit
                    ? t('deviceImport.committing')
                    : t('deviceImport.checking')}
              </Typography.Text>
              <Progress percent={state.percent} status="active" />
            </div>
          )}
          {state.step === 'failed' && (
            <Alert
              type="error"
              showIcon
              data-testid="device-import-error"
              message={t('deviceImport.failed', { message: state.message })}
            />
          )}
        </Space>
      </Card>
      {state.step === 'checked' && result && (
        <Card data-testid={result.committed ? 'device-import-result' : 'device-import-preview'}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Typography.Text type="secondary">
              {t('deviceImport.file', { name: state.file.name })}
            </Typography.Text>
            <Typography.Text strong data-testid="device-import-totals">
              {result.committed
                ? t('deviceImport.resultTotals', {
                    rows: result.totals.rows,
                    created: result.totals.created,
                    existing: result.totals.alreadyImported,
                    invalid: result.totals.invalid,
                  })
                : t('deviceImport.totals', {
                    rows: result.totals.rows,
                    ready: result.totals.ready,
                    existing: result.totals.alreadyImported,
                    invalid: result.totals.invalid,
                  })}
            </Typography.Text>
            {result.committed && result.secretsWorkbook && (
              <Alert
                type="warning"
                showIcon
                data-testid="device-import-once"
                message={t('deviceImport.secretsOnce')}
                action={
                  <Button
                    type="primary"
                    icon={<DownloadOutlined />}
                    data-testid="device-import-download-secrets"
                    onClick={() =>
                      saveBlob(workbookBlob(result.secretsWorkbook!), secretsFilename(Date.now()))
                    }
                  >
                    {t('deviceImport.downloadSecrets')}
                  </Button>
                }
              />
            )}
            {result.committed && result.totals.created === 0 && (
              <Alert type="info" showIcon message={t('deviceImport.noneCreated')} />
            )}
            {result.totals.alreadyImported > 0 && (
              <Alert
                type="info"
                showIcon
                data-testid="device-import-already"
                message={t('deviceImport.alreadyHint')}
              />
            )}
            {!result.committed && result.totals.invalid > 0 && (
              <Alert type="warning" showIcon message={t('deviceImport.onlyValid')} />
            )}
            <Space wrap>
              {!result.committed && (
                <Button
                  type="primary"
                  icon={<UploadOutlined />}
                  disabled={!canCommit(result)}
                  onClick={() => void send(state.file, true)}
                  data-testid="device-import-commit"
                >
                  {t('deviceImport.commit', { count: result.totals.ready })}
                </Button>
              )}
              <Button onClick={() => setState({ step: 'idle' })} data-testid="device-import-again">
                {t('deviceImport.again')}
              </Button>
              <Checkbox checked={onlyInvalid} onChange={(event) => setOnlyInvalid(event.target.checked)}>
                {t('deviceImport.filterInvalid')}
              </Checkbox>
            </Space>
            <Table<DeviceImportRow>
              size="small"
              rowKey="row"
              data-testid="device-import-table"
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
