import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type NotificationRecordStatus } from '@jiefang/contracts';
import { api } from '../app/services';

/** Failures are what people come here for: refresh every half minute while the page is open. */
export const NOTIFICATION_RECORDS_REFRESH_MS = 30_000;

export const notificationRecordKeys = {
  all: ['notification-records'] as const,
  list: (status: NotificationRecordStatus | undefined) => ['notification-records', status ?? 'all'] as const,
};

export function useNotificationRecords(status: NotificationRecordStatus | undefined) {
  return useQuery({
    queryKey: notificationRecordKeys.list(status),
    queryFn: ({ signal }) => api.notificationRecords(status, signal),
    placeholderData: keepPreviousData,
    refetchInterval: NOTIFICATION_RECORDS_REFRESH_MS,
  });
}
