import { DownloadOutlined } from '@ant-design/icons';
import { exportFormatsOf, type ExportDataset, type ExportFormat } from '@jiefang/contracts';
import { Alert, Button, Card, Form, Radio, Select, Space, Spin, Typography } from 'antd';
import { useRef, useState } from 'react';
import { describeError } from '../../api/errors';
import { apiBaseUrl, session } from '../../app/services';
import { useSession } from '../../auth/useSession';
import {
  choosesStreet,
  downloadExport,
  monthRanges,
  saveBlob,
  type ExportRequest,
} from '../../exports/exportDownload';
import { t } from '../../i18n';
import { useStreets } from '../../tickets/queries';
import { isStreetAdmin } from '../../statistics/scope';
import { DayRangePicker } from '../../components/pickers/WallClockPickers';

interface ExportForm {
  dataset: ExportDataset;
  format: ExportFormat;
  /** Beijing days, both included, `YYYY-MM-DD`. */
  range: [string, string];
  street: string;
}

type Progress =
  | { state: 'idle' }
  | { state: 'running'; bytes: number }
  | { state: 'done'; filename: string; bytes: number }
  | { state: 'failed'; message: string };

const ALL = '';

export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? t('exports.sizeMb', { mb: (bytes / 1024 / 1024).toFixed(1) })
    : t('exports.sizeKb', { kb: Math.max(1, Math.round(bytes / 1024)) });
}

/**
 * 数据导出: tickets, alarms and escort hours for a range of Beijing days and a street, as Excel (with the
 * 月报 sheet), CSV or GeoJSON. The file comes over fetch with the session's token and is saved as a Blob.
 */
export function ExportsPage() {
  const current = useSession();
  const [form] = Form.useForm<ExportForm>();
  const dataset = Form.useWatch('dataset', form) ?? 'tickets';
  const streets = useStreets();
  const [progress, setProgress] = useState<Progress>({ state: 'idle' });
  const running = useRef<AbortController | null>(null);
  const ranges = monthRanges(Date.now());
  // Exports cover days that have happened; this month's range ends today.
  const today = ranges.thisMonth[1];
  const roles = current?.user.roles ?? [];
  // A street's administrator exports their own street, like the street's staff.
  const districtWide = choosesStreet(roles) && !(current && isStreetAdmin(current.user));
  const ownStreet = streets.data?.items.find((street) =>
    roles.includes('squad_leader') && current?.user.squadId
      ? street.squadId === current.user.squadId
      : street.id === current?.user.streetId,
  );

  async function submit(values: ExportForm) {
    const controller = new AbortController();
    running.current = controller;
    setProgress({ state: 'running', bytes: 0 });
    const request: ExportRequest = {
      dataset: values.dataset,
      format: exportFormatsOf[values.dataset].includes(values.format) ? values.format : 'xlsx',
      from: values.range[0],
      to: values.range[1],
      ...(districtWide && values.street ? { street: values.street } : {}),
    };
    try {
      const { blob, filename } = await downloadExport(request, {
        baseUrl: apiBaseUrl,
        token: session.get()?.token ?? null,
        signal: controller.signal,
        onProgress: (bytes) => setProgress({ state: 'running', bytes }),
      });
      saveBlob(blob, filename);
      setProgress({ state: 'done', filename, bytes: blob.size });
    } catch (error) {
      if (controller.signal.aborted) setProgress({ state: 'idle' });
      else setProgress({ state: 'failed', message: describeError(error) });
    } finally {
      running.current = null;
    }
  }

  const setRange = (range: [string, string]) => form.setFieldsValue({ range });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="exports-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('exports.title')}
      </Typography.Title>
      <Card>
        <Typography.Paragraph type="secondary">{t('exports.subtitle')}</Typography.Paragraph>
        <Form<ExportForm>
          form={form}
          layout="vertical"
          requiredMark={false}
          style={{ maxWidth: 560 }}
          initialValues={{
            dataset: 'tickets',
            format: 'xlsx',
            range: ranges.thisMonth,
            street: ALL,
          }}
          onFinish={(values) => void submit(values)}
          disabled={progress.state === 'running'}
        >
          <Form.Item name="dataset" label={t('exports.dataset')}>
            <Radio.Group
              data-testid="exports-dataset"
              optionType="button"
              onChange={() => form.setFieldValue('format', 'xlsx')}
              options={(['tickets', 'alarms', 'escort-hours'] as const).map((value) => ({
                value,
                label: t(`exports.dataset.${value}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="format" label={t('exports.format')}>
            <Radio.Group
              data-testid="exports-format"
              optionType="button"
              options={exportFormatsOf[dataset].map((value) => ({
                value,
                label: t(`exports.format.${value}`),
              }))}
            />
          </Form.Item>
          <Form.Item label={t('exports.range')} required>
            <Space wrap>
              <Form.Item
                name="range"
                noStyle
                rules={[{ required: true, message: t('exports.rangeRequired') }]}
              >
                <DayRangePicker
                  data-testid="exports-range"
                  placeholder={[t('exports.from'), t('exports.to')]}
                  max={today}
                />
              </Form.Item>
              <Button size="small" onClick={() => setRange(ranges.thisMonth)}>
                {t('exports.thisMonth')}
              </Button>
              <Button size="small" onClick={() => setRange(ranges.lastMonth)}>
                {t('exports.lastMonth')}
              </Button>
            </Space>
          </Form.Item>
          <Form.Item
            name="street"
            label={t('exports.street')}
            extra={districtWide ? undefined : t('exports.streetOnlyOwn')}
          >
            {districtWide ? (
              <Select
                data-testid="exports-street"
                loading={streets.isPending}
                options={[
                  { value: ALL, label: t('exports.allStreets') },
                  ...(streets.data?.items ?? []).map((street) => ({ value: street.id, label: street.name })),
                ]}
              />
            ) : (
              <Typography.Text data-testid="exports-own-street">
                {t('exports.ownStreet', { street: ownStreet?.name ?? t('exports.ownStreetUnknown') })}
              </Typography.Text>
            )}
          </Form.Item>
          <Alert type="info" showIcon message={t('exports.personalData')} style={{ marginBottom: 16 }} />
          <Space wrap>
            <Button
              type="primary"
              htmlType="submit"
              icon={<DownloadOutlined />}
              loading={progress.state === 'running'}
              data-testid="exports-download"
            >
              {t('exports.download')}
            </Button>
            {progress.state === 'running' && (
              <>
                <Spin size="small" />
                <Typography.Text data-testid="exports-progress">
                  {progress.bytes > 0
                    ? t('exports.downloading', { size: formatSize(progress.bytes) })
                    : t('exports.preparing')}
                </Typography.Text>
                <Button size="small" disabled={false} onClick={() => running.current?.abort()}>
                  {t('exports.cancel')}
                </Button>
              </>
            )}
          </Space>
        </Form>
        {progress.state === 'done' && (
          <Alert
            data-testid="exports-done"
            style={{ marginTop: 16, maxWidth: 560 }}
            type="success"
            showIcon
            message={t('exports.done', { filename: progress.filename, size: formatSize(progress.bytes) })}
          />
        )}
        {progress.state === 'failed' && (
          <Alert
            data-testid="exports-error"
            style={{ marginTop: 16, maxWidth: 560 }}
            type="error"
            showIcon
            message={t('exports.failed', { message: progress.message })}
          />
        )}
      </Card>
    </Space>
  );
}
