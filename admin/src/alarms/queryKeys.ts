import { type DeviceType } from '@jiefang/contracts';
import { type AlarmFilters } from './alarmCache';

/** Every alarm query lives under `['alarms']`, so one invalidation refreshes them all. */
export const alarmKeys = {
  all: ['alarms'] as const,
  lists: ['alarms', 'list'] as const,
  list: (filters: AlarmFilters) => ['alarms', 'list', filters] as const,
  detail: (id: string) => ['alarms', 'detail', id] as const,
};

export interface DeviceFilters {
  type?: DeviceType;
  street?: string;
  online?: 'true' | 'false';
}

export const deviceKeys = {
  all: ['devices'] as const,
  lists: ['devices', 'list'] as const,
  list: (filters: DeviceFilters) => ['devices', 'list', filters] as const,
  readings: (id: string, minutes: number) => ['devices', 'readings', id, minutes] as const,
};
