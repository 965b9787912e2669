import { InboxOutlined } from '@ant-design/icons';
import { gridUploadMaxChars, type GridPreview } from '@jiefang/contracts';
import { Alert, App, Button, Card, Col, Row, Select, Space, Spin, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, describeError } from '../../api/errors';
import { useSession } from '../../auth/useSession';
import { BaseMap } from '../../components/map/BaseMap';
import { useGridVersions, usePreviewGrids, usePublishGrids } from '../../district/queries';
import { t } from '../../i18n';
import { useDistrict, useStreets } from '../../tickets/queries';
import { GridPreviewLayer } from './GridPreviewLayer';
import { GridPreviewPanel } from './GridPreviewPanel';
import { GridVersionsCard } from './GridVersionsCard';

type UploadState =
  | { step: 'idle' }
  | { step: 'checking'; name: string }
  | { step: 'checked'; name: string; text: string; preview: GridPreview }
  | { step: 'failed'; name: string; message: string };

/** A chosen file's text (FileReader: `Blob.text()` is missing from older embedded browsers and jsdom). */
function textOf(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('file not read'));
    reader.readAsText(file, 'utf-8');
  });
}

/**
 * 辖区网格: a street's grids on the map; an administrator uploads a GeoJSON of all the street's grids,
 * sees its problems (listed, and in red on the map), what it changes and whom it affects, and publishes
 * it. A street's administrator works on their own street only. Nothing changes before 发布.
 */
export function DistrictGridsPage() {
  const user = useSession()?.user;
  const ownStreet = user?.streetId ?? null;
  const streets = useStreets();
  const district = useDistrict();
  const [chosen, setChosen] = useState<string | null>(null);
  const streetId = ownStreet ?? chosen ?? streets.data?.items[0]?.id ?? null;
  const versions = useGridVersions(streetId);
  const [upload, setUpload] = useState<UploadState>({ step: 'idle' });
  const [selected, setSelected] = useState<number | null>(null);
  const previewGrids = usePreviewGrids();
  const publish = usePublishGrids();
  const { message } = App.useApp();

  const street = district.data?.features.find((feature) => feature.properties.id === streetId) ?? null;
  const currentGrids = district.data?.grids.filter((grid) => grid.properties.streetId === streetId) ?? [];
  const preview = upload.step === 'checked' ? upload.preview : null;

  const check = async (name: string, text: string) => {
    if (!streetId) return;
    setSelected(null);
    setUpload({ step: 'checking', name });
    try {
      const result = await previewGrids.mutateAsync({ streetId, geojson: text });
      setUpload({ step: 'checked', name, text, preview: result });
    } catch (error) {
      setUpload({ step: 'failed', name, message: describeError(error) });
    }
  };

  const choose = async (file: File) => {
    if (file.size > gridUploadMaxChars) {
      setUpload({ step: 'failed', name: file.name, message: t('districtGrids.tooLarge') });
      return;
    }
    await check(file.name, await textOf(file));
  };

  const publishChecked = () => {
    if (upload.step !== 'checked' || !streetId) return;
    publish.mutate(
      { streetId, body: { geojson: upload.text, baseVersion: upload.preview.baseVersion } },
      {
        onSuccess: (done) => {
          void message.success(t('districtGrids.published', { version: done.version }));
          setUpload({ step: 'idle' });
          setSelected(null);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 409) {
            void message.warning(t('districtGrids.stale'));
            void check(upload.name, upload.text);
          } else void message.error(t('districtGrids.publishFailed', { message: describeError(error) }));
        },
      },
    );
  };

  const switchStreet = (id: string) => {
    setChosen(id);
    setUpload({ step: 'idle' });
    setSelected(null);
  };

  return (
    <div data-testid="district-grids-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('districtGrids.title')}
      </Typography.Title>
      <Card>
        <Typography.Paragraph type="secondary">{t('districtGrids.subtitle')}</Typography.Paragraph>
        {streets.isError && (
          <Alert
            type="error"
            showIcon
            message={describeError(streets.error)}
            data-testid="district-grids-error"
          />
        )}
        <Space wrap style={{ marginBottom: 12 }}>
          <Typography.Text>{t('districtGrids.street')}</Typography.Text>
          <Select
            style={{ minWidth: 200 }}
            loading={streets.isPending}
            value={streetId ?? undefined}
            placeholder={t('districtGrids.streetPlaceholder')}
            disabled={Boolean(ownStreet)}
            title={ownStreet ? t('districtGrids.ownStreetOnly') : undefined}
            options={(streets.data?.items ?? []).map((item) => ({ value: item.id, label: item.name }))}
            onChange={switchStreet}
            data-testid="district-grids-street"
          />
          {versions.data && (
            <Tag color={versions.data.current ? 'blue' : 'default'} data-testid="district-grids-current">
              {versions.data.current
                ? t('districtGrids.currentVersion', { version: versions.data.current })
                : t('districtGrids.shippedVersion')}
            </Tag>
          )}
          <Typography.Text type="secondary">
            {t('districtGrids.gridCount', { count: currentGrids.length })}
          </Typography.Text>
        </Space>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <BaseMap
              height={480}
              highlightStreetId={streetId}
              testId="district-grids-map"
              ariaLabel={t('districtGrids.mapAria')}
            >
              <GridPreviewLayer
                grids={preview?.grids ?? []}
                problems={preview?.problems ?? []}
                focus={(street?.geometry.coordinates as Array<Array<[number, number]>> | undefined) ?? null}
                districtReadAt={district.dataUpdatedAt}
                selected={selected}
              />
            </BaseMap>
            <Space size="middle" wrap style={{ marginTop: 8 }}>
              <Typography.Text type="secondary">{t('districtGrids.legendCurrent')}</Typography.Text>
              <Typography.Text style={{ color: '#1677ff' }}>{t('districtGrids.legendNew')}</Typography.Text>
              <Typography.Text type="danger">{t('districtGrids.legendProblem')}</Typography.Text>
            </Space>
          </Col>
          <Col xs={24} lg={10}>
            {upload.step === 'idle' || upload.step === 'failed' ? (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Upload.Dragger
                  accept=".geojson,.json"
                  multiple={false}
                  showUploadList={false}
                  disabled={!streetId}
                  beforeUpload={(file) => {
                    void choose(file);
                    return false;
                  }}
                  data-testid="district-grids-upload"
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p className="ant-upload-text">{t('districtGrids.drop')}</p>
                  <p className="ant-upload-hint">{t('districtGrids.dropHint')}</p>
                </Upload.Dragger>
                {upload.step === 'failed' && (
                  <Alert
                    type="error"
                    showIcon
                    data-testid="district-grids-failed"
                    message={t('districtGrids.failed', { message: upload.message })}
                  />
                )}
              </Space>
            ) : upload.step === 'checking' ? (
              <Space data-testid="district-grids-checking">
                <Spin />
                <Typography.Text>{t('districtGrids.reading', { file: upload.name })}</Typography.Text>
              </Space>
            ) : (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Space wrap>
                  <Typography.Text strong data-testid="district-grids-file">
                    {t('districtGrids.file', { file: upload.name })}
                  </Typography.Text>
                  <Button
                    size="small"
                    onClick={() => setUpload({ step: 'idle' })}
                    data-testid="district-grids-another"
                  >
                    {t('districtGrids.another')}
                  </Button>
                </Space>
                <GridPreviewPanel
                  preview={upload.preview}
                  selected={selected}
                  onSelect={setSelected}
                  publishing={publish.isPending}
                  onPublish={publishChecked}
                />
              </Space>
            )}
          </Col>
        </Row>
      </Card>
      {streetId && (
        <div style={{ marginTop: 16 }}>
          <GridVersionsCard streetId={streetId} />
        </div>
      )}
    </div>
  );
}
