import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Progress, Space, Table, Tag, Typography, Upload } from 'antd';
import { type ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import { describeError } from '../api/errors';
import { saveBlob } from '../exports/exportDownload';
import { t, type MessageKey } from '../i18n';
import { canCommit, errorsByColumn, type ImportResultShape, type ImportRowShape } from './importRows';

/** The catalogue namespaces of the import pages: each has the same keys for the shared steps. */
export type ImportMessages = 'staffImport' | 'deviceImport';

export interface ImportPageProps<Row extends ImportRowShape, Result extends ImportResultShape<Row>> {
  /** Prefix of every data-testid on the page (`staff-import`, `device-import`): the e2e tests find them. */
  testId: string;
  messages: ImportMessages;
  /** The page's heading; the title alone when not given. */
  heading?: ReactNode;
  fileProblem: (file: { name: string; size: number }) => MessageKey | null;
  send: (file: File, commit: boolean, onProgress: (fraction: number) => void) => Promise<Result>;
  downloadTemplate: () => Promise<{ blob: Blob; filename: string }>;
  /** The page's own columns, between 状态 and the last one (the errors, or the note). */
  columns: (result: Result) => ColumnsType<Row>;
  /** The last column: the row's errors, and whatever else explains it (`extra`: one keyed element, or null). */
  errorsColumn: { title: string; key: string; extra?: (row: Row) => ReactNode; fixedWidth?: number };
  /** The alerts after the totals (the one-time file, nothing created…), before the 只导入无误的行 warning. */
  notices: (result: Result) => ReactNode;
}

type Step<Result> =
  | { step: 'idle' }
  | { step: 'sending'; file: File; commit: boolean; percent: number }
  | { step: 'checked'; file: File; result: Result }
  | { step: 'failed'; file?: File; message: string };

const statusColour: Record<ImportRowShape['status'], string> = {
  ready: 'blue',
  created: 'green',
  already_imported: 'default',
  invalid: 'red',
};

const invalidRowStyle = { background: '#fff1f0' };
/** Ids, names, coordinates and passwords are read off the screen: never broken across lines. */
export const noWrap = { whiteSpace: 'nowrap' } as const;

/** A cell column that marks the cell in red (with a test id) when the row's errors name its column. */
export function markedCellColumn<Row extends ImportRowShape>(
  testId: string,
  header: string,
  text: (row: Row) => string,
): ColumnsType<Row>[number] {
  return {
    title: header,
    key: header,
    onCell: () => ({ style: noWrap }),
    render: (_, row) =>
      errorsByColumn(row).has(header) ? (
        <Typography.Text type="danger" strong data-testid={`${testId}-bad-${row.row}-${header}`}>
          {text(row) || '—'}
        </Typography.Text>
      ) : (
        text(row)
      ),
  };
}

/**
 * The steps every bulk import page goes through: the template, an upload checked by the BFF into a preview
 * (nothing written), then the import of the same file (checked again there) and its result. What each page
 * adds (its columns, its one-time file) comes in through the props.
 */
export function ImportPage<Row extends ImportRowShape, Result extends ImportResultShape<Row>>(
  props: ImportPageProps<Row, Result>,
) {
  const { testId, messages: ns } = props;
  const [state, setState] = useState<Step<Result>>({ step: 'idle' });
  const [templateError, setTemplateError] = useState<string | null>(null);
  const [onlyInvalid, setOnlyInvalid] = useState(false);

  async function send(file: File, commit: boolean) {
    const problem = props.fileProblem(file);
    if (problem) {
      setState({ step: 'failed', message: t(problem) });
      return;
    }
    setState({ step: 'sending', file, commit, percent: 0 });
    try {
      const result = await props.send(file, commit, (fraction) =>
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
      const { blob, filename } = await props.downloadTemplate();
      saveBlob(blob, filename);
    } catch (error) {
      setTemplateError(t(`${ns}.templateFailed`, { message: describeError(error) }));
    }
  }

  function columnsFor(result: Result): ColumnsType<Row> {
    const { title, key, extra, fixedWidth } = props.errorsColumn;
    return [
      {
        title: t(`${ns}.column.row`),
        dataIndex: 'row',
        key: 'row',
        width: 56,
        onCell: () => ({ style: noWrap }),
      },
      {
        title: t(`${ns}.column.status`),
        key: 'status',
        width: 96,
        onCell: () => ({ style: noWrap }),
        render: (_, row) => <Tag color={statusColour[row.status]}>{t(`${ns}.status.${row.status}`)}</Tag>,
      },
      ...props.columns(result),
      {
        title,
        key,
        // Kept in view however wide the sheet's columns make the table: it says why a row is not imported.
        ...(fixedWidth ? { fixed: 'right' as const, width: fixedWidth } : {}),
        render: (_, row) => (
          <Space direction="vertical" size={0}>
            {[
              ...row.errors.map((error) => (
                <Typography.Text type="danger" key={`${error.path}:${error.message}`}>
                  {error.path === '(行)' ? error.message : `${error.path}：${error.message}`}
                </Typography.Text>
              )),
              // Only a page with something to add gets the slot (an empty Space renders nothing).
              ...(extra ? [extra(row)] : []),
            ]}
          </Space>
        ),
      },
    ];
  }

  const result = state.step === 'checked' ? state.result : null;
  const rows = result ? result.rows.filter((row) => !onlyInvalid || row.status === 'invalid') : [];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid={`${testId}-page`}>
      {props.heading ?? (
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t(`${ns}.title`)}
        </Typography.Title>
      )}
      <Card>
        <Typography.Paragraph type="secondary">{t(`${ns}.subtitle`)}</Typography.Paragraph>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Button
            icon={<DownloadOutlined />}
            onClick={() => void template()}
            data-testid={`${testId}-template`}
          >
            {t(`${ns}.template`)}
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
              data-testid={`${testId}-upload`}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t(`${ns}.drop`)}</p>
              <p className="ant-upload-hint">{t(`${ns}.dropHint`)}</p>
            </Upload.Dragger>
          )}
          {state.step === 'sending' && (
            <div data-testid={`${testId}-progress`}>
              <Typography.Text>
                {state.percent < 100
                  ? t(`${ns}.uploading`, { percent: state.percent })
                  : state.commit
                    ? t(`${ns}.committing`)
                    : t(`${ns}.checking`)}
              </Typography.Text>
              <Progress percent={state.percent} status="active" />
            </div>
          )}
          {state.step === 'failed' && (
            <Alert
              type="error"
              showIcon
              data-testid={`${testId}-error`}
              message={t(`${ns}.failed`, { message: state.message })}
            />
          )}
        </Space>
      </Card>
      {state.step === 'checked' && result && (
        <Card data-testid={result.committed ? `${testId}-result` : `${testId}-preview`}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t(`${ns}.file`, { name: state.file.name })}</Typography.Text>
            <Typography.Text strong data-testid={`${testId}-totals`}>
              {result.committed
                ? t(`${ns}.resultTotals`, {
                    rows: result.totals.rows,
                    created: result.totals.created,
                    existing: result.totals.alreadyImported,
                    invalid: result.totals.invalid,
                  })
                : t(`${ns}.totals`, {
                    rows: result.totals.rows,
                    ready: result.totals.ready,
                    existing: result.totals.alreadyImported,
                    invalid: result.totals.invalid,
                  })}
            </Typography.Text>
            {props.notices(result)}
            {!result.committed && result.totals.invalid > 0 && (
              <Alert type="warning" showIcon message={t(`${ns}.onlyValid`)} />
            )}
            <Space wrap>
              {!result.committed && (
                <Button
                  type="primary"
                  icon={<UploadOutlined />}
                  disabled={!canCommit(result)}
                  onClick={() => void send(state.file, true)}
                  data-testid={`${testId}-commit`}
                >
                  {t(`${ns}.commit`, { count: result.totals.ready })}
                </Button>
              )}
              <Button onClick={() => setState({ step: 'idle' })} data-testid={`${testId}-again`}>
                {t(`${ns}.again`)}
              </Button>
              <Checkbox checked={onlyInvalid} onChange={(event) => setOnlyInvalid(event.target.checked)}>
                {t(`${ns}.filterInvalid`)}
              </Checkbox>
            </Space>
            <Table<Row>
              size="small"
              rowKey="row"
              data-testid={`${testId}-table`}
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
