import { type UseQueryResult } from '@tanstack/react-query';
import { Empty, Skeleton } from 'antd';
import { type ReactNode } from 'react';
import { describeError } from '../../api/errors';
import { LoadFailed } from '../../components/LoadFailed';
import { t } from '../../i18n';

/**
 * A card's body for one query: a skeleton while loading, the error with a retry when nothing could be
 * loaded, an empty state when the answer has nothing to show, and otherwise the content. After a failed
 * refresh the last figures stay (a dashboard left open should not go blank for one missed poll).
 */
export function QueryState<T>({
  query,
  isEmpty,
  emptyText,
  testId,
  rows = 4,
  children,
}: {
  query: UseQueryResult<T>;
  isEmpty?: (data: T) => boolean;
  emptyText: string;
  testId: string;
  rows?: number;
  children: (data: T) => ReactNode;
}) {
  if (query.data === undefined) {
    if (query.isError) {
      return (
        <LoadFailed
          testId={`${testId}-error`}
          message={t('dashboard.loadFailed', { message: describeError(query.error) })}
          retryLabel={t('dashboard.retry')}
          onRetry={() => void query.refetch()}
        />
      );
    }
    return (
      <div data-testid={`${testId}-loading`}>
        <Skeleton active paragraph={{ rows }} title={false} />
      </div>
    );
  }
  if (isEmpty?.(query.data)) {
    return (
      <div data-testid={`${testId}-empty`}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />
      </div>
    );
  }
  // Dimmed while another filter's figures load in their place.
  return (
    <div style={{ opacity: query.isPlaceholderData ? 0.5 : 1, transition: 'opacity 0.2s' }}>
      {children(query.data)}
    </div>
  );
}
