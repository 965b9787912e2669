import { type QueryClient } from '@tanstack/react-query';
import { type Alarm, type AlarmList } from '@jiefang/contracts';
import { isAlarmNewer, mergeAlarmIntoList, type AlarmFilters } from './alarmCache';
import { alarmKeys, deviceKeys } from './queryKeys';

/**
 * Puts a changed alarm (from the live stream or an action's answer) into every cached view of it: its
 * detail and each list according to that list's filters. A device going offline or coming back also
 * changes the device list, which is refetched.
 */
export function applyAlarmUpdate(client: QueryClient, alarm: Alarm): void {
  const detailKey = alarmKeys.detail(alarm.id);
  const current = client.getQueryData<Alarm>(detailKey);
  if (current && isAlarmNewer(current, alarm)) client.setQueryData(detailKey, alarm);

  for (const [key, list] of client.getQueriesData<AlarmList>({ queryKey: alarmKeys.lists })) {
    if (!list) continue;
    const filters = (key[2] ?? {}) as AlarmFilters;
    const next = mergeAlarmIntoList(list, alarm, filters);
    if (next !== list) client.setQueryData(key, next);
  }

  if (alarm.type === 'offline') void client.invalidateQueries({ queryKey: deviceKeys.lists });
}
