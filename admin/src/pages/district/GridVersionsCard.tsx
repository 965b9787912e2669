import { type GridVersionSummary } from '@jiefang/contracts';
import { Alert, Card, Empty, Table, Tag, type TableColumnsType } from 'antd';
import { type HTMLAttributes } from 'react';
import { describeError } from '../../api/errors';
import { useGridVersions } from '../../district/queries';
import { t } from '../../i18n';
import { formatDateTime } from '../../i18n/format';

/** The street's published grid versions, newest first. */
export function GridVersionsCard({ streetId }: { streetId: string }) {
  const versions = useGridVersions(streetId);
  const columns: TableColumnsType<GridVersionSummary> = [
    {
      title: t('districtGrids.columnVersion'),
      key: 'version',
      render: (_, item) => t('districtGrids.versionNumber', { version: item.version }),
    },
    { title: t('districtGrids.columnAt'), key: 'at', render: (_, item) => formatDateTime(item.at) },
    { title: t('districtGrids.columnBy'), key: 'by', render: (_, item) => item.byName ?? item.byId },
    { title: t('districtGrids.columnGrids'), key: 'grids', dataIndex: 'grids' },
    {
      title: t('districtGrids.columnChanges'),
      key: 'changes',
      render: (_, item) => (
        <>
          {item.added.map((id) => (
            <Tag key={`a-${id}`} color="green">
              {t('districtGrids.added')} {id}
            </Tag>
          ))}
          {item.changed.map((id) => (
            <Tag key={`c-${id}`} color="blue">
              {t('districtGrids.changed')} {id}
            </Tag>
          ))}
          {item.removed.map((id) => (
            <Tag key={`r-${id}`} color="red">
              {t('districtGrids.removed')} {id}
            </Tag>
          ))}
        </>
      ),
    },
  ];
  return (
    <Card title={t('districtGrids.versions')} size="small" data-testid="district-grids-versions">
      {versions.isError ? (
        <Alert
          type="error"
          showIcon
          message={t('districtGrids.versionsFailed', { message: describeError(versions.error) })}
        />
      ) : (
        <Table
          rowKey="version"
          size="small"
          loading={versions.isPending}
          columns={columns}
          dataSource={versions.data?.items ?? []}
          pagination={false}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('districtGrids.versionsEmpty')} />
            ),
          }}
          onRow={(item) =>
            ({ 'data-testid': `district-grids-version-${item.version}` }) as HTMLAttributes<HTMLElement>
          }
        />
      )}
    </Card>
  );
}
