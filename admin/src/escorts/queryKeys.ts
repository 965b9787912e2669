import { type EscortStatus } from '@jiefang/contracts';

export interface EscortFilters {
  status?: readonly EscortStatus[];
  elderId?: string;
}

/** Every escort query lives under `['escorts']`, so one invalidation refreshes lists, details and numbers. */
export const escortKeys = {
  all: ['escorts'] as const,
  lists: ['escorts', 'list'] as const,
  list: (filters: EscortFilters) => ['escorts', 'list', filters] as const,
  detail: (id: string) => ['escorts', 'detail', id] as const,
  statistics: ['escorts', 'statistics'] as const,
  services: ['escort-services'] as const,
};

export const elderKeys = {
  all: ['elders'] as const,
  list: ['elders', 'list'] as const,
  detail: (id: string) => ['elders', 'detail', id] as const,
};

export const volunteerKeys = {
  all: ['volunteers'] as const,
  list: (verified: boolean) => ['volunteers', 'list', verified] as const,
  hours: (id: string) => ['volunteers', 'hours', id] as const,
};
