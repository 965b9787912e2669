import { Alert, Empty, Grid, Table, theme, type TableColumnsType } from 'antd';
import { type CSSProperties, type HTMLAttributes } from 'react';
import { describeError } from '../../api/errors';
import { t, type MessageKey } from '../../i18n';
import { LoadFailed } from '../LoadFailed';

/** What the table needs of the list's query (TanStack Query's result has all of it). */
export interface ListQueryState {
  data: unknown;
  error: unknown;
  isError: boolean;
  isPending: boolean;
  refetch: () => unknown;
}

/** Extra attributes for a row; `style` is merged with the kit's. */
type RowAttributes = Record<`data-${string}`, unknown> & { style?: CSSProperties };

/** "显示前 {shown} 条，共 {total} 条" when the BFF's page held fewer than there are. */
export function truncationNotice(
  data: { total: number; items: readonly unknown[] } | undefined,
  key: MessageKey,
): string | undefined {
  return data && data.total > data.items.length
    ? t(key, { total: data.total, shown: data.items.length })
    : undefined;
}

export interface ListTableProps<T extends { id: string }> {
  query: ListQueryState;
  items: readonly T[];
  columns: TableColumnsType<T>;
  testIdPrefix: string;
  /** "加载失败：{message}" in the page's area. */
  loadFailedKey: MessageKey;
  retryKey: MessageKey;
  emptyText: string;
  /** From `truncationNotice`. */
  truncated?: string;
  /** Horizontal scroll width on wide screens; phones show fewer columns instead. */
  scrollX?: number;
  loading?: boolean;
  /** The table fills a card without padding, so notices keep a margin; false inside a padded card. */
  inset?: boolean;
  /** Whether a failed refresh over a list already shown says so (the device, elder and volunteer lists never have). */
  warnWhenStale?: boolean;
  onOpen?: (id: string) => void;
  rowAttributes?: (item: T) => RowAttributes;
}

/**
 * A list page's table with its states: loading, failed with nothing to show (and a retry), failed to
 * refresh (the last answer stays, with a warning), cut short by the page size, and empty. Rows carry
 * `data-testid="<prefix>-row-<id>"`; `onOpen` makes a row open its record.
 */
export function ListTable<T extends { id: string }>({
  query,
  items,
  columns,
  testIdPrefix,
  loadFailedKey,
  retryKey,
  emptyText,
  truncated,
  scrollX,
  loading = query.isPending,
  inset = true,
  warnWhenStale = true,
  onOpen,
  rowAttributes,
}: ListTableProps<T>) {
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  const noticeStyle = inset ? { margin: token.padding } : undefined;
  const failed = t(loadFailedKey, { message: describeError(query.error) });

  if (query.isError && !query.data) {
    return (
      <LoadFailed
        testId={`${testIdPrefix}-load-error`}
        style={noticeStyle}
        message={failed}
        retryLabel={t(retryKey)}
        onRetry={() => void query.refetch()}
      />
    );
  }

  return (
    <>
      {query.isError && warnWhenStale && (
        <Alert type="warning" showIcon style={noticeStyle} message={failed} />
      )}
      {truncated && <Alert type="info" showIcon style={noticeStyle} message={truncated} />}
      <Table<T>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={loading}
        scroll={screens.md === false || scrollX === undefined ? undefined : { x: scrollX }}
        pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{
          emptyText: (
            <Empty
              data-testid={`${testIdPrefix}-empty`}
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={emptyText}
            />
          ),
        }}
        onRow={(item) => {
          const extra = rowAttributes?.(item) ?? {};
          return {
            'data-testid': `${testIdPrefix}-row-${item.id}`,
            ...extra,
            ...(onOpen ? { onClick: () => onOpen(item.id) } : {}),
            style: { ...(onOpen ? { cursor: 'pointer' } : {}), ...extra.style },
          } as HTMLAttributes<HTMLElement>;
        }}
      />
    </>
  );
}
