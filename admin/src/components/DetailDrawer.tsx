import { Drawer, Grid, Result, Skeleton } from 'antd';
import { type ReactNode } from 'react';
import { ApiError, describeError } from '../api/errors';
import { t, type MessageKey } from '../i18n';
import { LoadFailed } from './LoadFailed';

/** What the drawer needs of the record's query (TanStack Query's result has all of it). */
export interface RecordQueryState<T> {
  data: T | undefined;
  error: unknown;
  isError: boolean;
  isPending: boolean;
  refetch: () => unknown;
}

/**
 * A record opened from a list, in a side drawer (full width on a phone) with its states: loading,
 * gone or not the caller's (404/403), failed with a retry, and the record itself.
 */
export function DetailDrawer<T>({
  recordId,
  query,
  onClose,
  width,
  testId,
  skeletonRows = 10,
  placeholderTitle,
  notFoundKey,
  loadFailedKey,
  retryKey,
  loadErrorTestId,
  title,
  extra,
  children,
}: {
  /** The open record; the drawer is closed without one. */
  recordId: string | null;
  query: RecordQueryState<T>;
  onClose: () => void;
  width: number;
  /** On the drawer's body. */
  testId: string;
  skeletonRows?: number;
  /** The title until the record is loaded (and after, without `title`). */
  placeholderTitle: ReactNode;
  notFoundKey: MessageKey;
  /** "加载失败：{message}". */
  loadFailedKey: MessageKey;
  retryKey: MessageKey;
  loadErrorTestId?: string;
  /** The title once loaded. */
  title?: (record: T) => ReactNode;
  extra?: (record: T) => ReactNode;
  children: (record: T) => ReactNode;
}) {
  const screens = Grid.useBreakpoint();
  const record = query.data;

  let body;
  if (query.isPending && recordId) {
    body = <Skeleton active paragraph={{ rows: skeletonRows }} />;
  } else if (query.isError && !record) {
    const missing =
      query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 403);
    body = missing ? (
      <Result status="404" title={t(notFoundKey)} />
    ) : (
      <LoadFailed
        testId={loadErrorTestId}
        message={t(loadFailedKey, { message: describeError(query.error) })}
        retryLabel={t(retryKey)}
        onRetry={() => void query.refetch()}
      />
    );
  } else if (record) {
    body = children(record);
  }

  return (
    <Drawer
      open={Boolean(recordId)}
      onClose={onClose}
      width={screens.md === false ? '100%' : width}
      destroyOnHidden
      title={record && title ? title(record) : placeholderTitle}
      extra={record && extra ? extra(record) : null}
    >
      <div data-testid={testId}>{body}</div>
    </Drawer>
  );
}
