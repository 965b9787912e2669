import { DownloadOutlined } from '@ant-design/icons';
import { type StaffImportResult, type StaffImportRow } from '@jiefang/contracts';
import { Alert, Button, Typography } from 'antd';
import { type ColumnsType } from 'antd/es/table';
import { saveBlob } from '../../../exports/exportDownload';
import { t } from '../../../i18n';
import { roleLabels } from '../../../i18n/roles';
import { ImportPage, markedCellColumn, noWrap } from '../../../imports/ImportPage';
import { downloadTemplate, sendStaffFile } from './staffImportApi';
import {
  cellOf,
  createdRows,
  fileProblem,
  passwordsFilename,
  usedColumns,
  workbookBlob,
} from './staffImportModel';

/** The sheet's columns (roles by their names once understood), then, after the import, the passwords. */
function columnsFor(result: StaffImportResult): ColumnsType<StaffImportRow> {
  const cells = usedColumns(result).map((header) =>
    markedCellColumn<StaffImportRow>('staff-import', header, (row) =>
      header === '角色' && row.account ? roleLabels(row.account.roles).join('、') : cellOf(row, header),
    ),
  );
  if (!result.committed) return cells;
  return [
    ...cells,
    {
      title: t('staffImport.column.password'),
      key: 'password',
      onCell: () => ({ style: noWrap }),
      render: (_, row) =>
        row.oneTimePassword ? (
          <Typography.Text code copyable data-testid={`staff-import-password-${row.row}`}>
            {row.oneTimePassword}
          </Typography.Text>
        ) : null,
    },
  ];
}

/** The one-time passwords' warning and download, or that no account was created. */
function notices(result: StaffImportResult) {
  if (!result.committed) return null;
  if (createdRows(result).length === 0)
    return <Alert type="info" showIcon message={t('staffImport.noneCreated')} />;
  return (
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
            onClick={() => saveBlob(workbookBlob(result.passwordsWorkbook!), passwordsFilename(Date.now()))}
          >
            {t('staffImport.downloadPasswords')}
          </Button>
        ) : undefined
      }
    />
  );
}

/**
 * 批量导入工作人员: the shared import steps, with the one-time passwords shown and downloadable once.
 * The passwords' .xlsx is built by the BFF and comes base64 in the import's answer.
 */
export function StaffImportPage() {
  return (
    <ImportPage<StaffImportRow, StaffImportResult>
      testId="staff-import"
      messages="staffImport"
      fileProblem={fileProblem}
      send={sendStaffFile}
      downloadTemplate={downloadTemplate}
      columns={columnsFor}
      errorsColumn={{ title: t('staffImport.column.errors'), key: 'errors' }}
      notices={notices}
    />
  );
}
