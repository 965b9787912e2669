import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { type DeviceImportResult, type DeviceImportRow } from '@jiefang/contracts';
import { Alert, Button, Space, Typography } from 'antd';
import { type ColumnsType } from 'antd/es/table';
import { useNavigate } from 'react-router-dom';
import { saveBlob } from '../../../exports/exportDownload';
import { t } from '../../../i18n';
import { ImportPage, markedCellColumn } from '../../../imports/ImportPage';
import { workbookBlob } from '../../../imports/importWorkbook';
import { downloadDeviceTemplate, sendDeviceFile } from './deviceImportApi';
import { cellOf, fileProblem, secretsFilename, usedColumns } from './deviceImportModel';

/** The sheet's columns, each valid row's cells as understood (the type's name, the household's pin). */
const columnsFor = (result: DeviceImportResult): ColumnsType<DeviceImportRow> =>
  usedColumns(result).map((header) =>
    markedCellColumn<DeviceImportRow>('device-import', header, (row) => cellOf(row, header)),
  );

/** The secrets' warning and download (never shown on the page), nothing registered, rows imported before. */
function notices(result: DeviceImportResult) {
  return (
    <>
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
              onClick={() => saveBlob(workbookBlob(result.secretsWorkbook!), secretsFilename(Date.now()))}
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
    </>
  );
}

const note = (row: DeviceImportRow) =>
  row.note ? (
    <Typography.Text type="secondary" key="note">
      {row.note}
    </Typography.Text>
  ) : null;

/**
 * 批量导入设备: the shared import steps, with the devices' MQTT secrets as an .xlsx, given once.
 * The secrets are never shown on the page: the workbook (base64 in the import's answer) is their only copy.
 */
export function DeviceImportPage() {
  const navigate = useNavigate();
  return (
    <ImportPage<DeviceImportRow, DeviceImportResult>
      testId="device-import"
      messages="deviceImport"
      heading={
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
      }
      fileProblem={fileProblem}
      send={sendDeviceFile}
      downloadTemplate={downloadDeviceTemplate}
      columns={columnsFor}
      errorsColumn={{ title: t('deviceImport.column.note'), key: 'note', extra: note, fixedWidth: 300 }}
      notices={notices}
    />
  );
}
