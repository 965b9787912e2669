import { Space } from 'antd';
import { type ReactNode } from 'react';
import { type MessageKey } from '../../i18n';
import { FilterBar } from './FilterBar';

/**
 * A filtered list page, top to bottom a middle gap apart: the title row (`ListPageHeader`), what stands
 * above the filters (counts, a notice of the user's scope), the filter bar with "清除筛选" while any
 * filter is set, then the list and the page's drawers and dialogs (`children`).
 */
export function FilteredListPage({
  header,
  summary,
  filters,
  filtered,
  onClearFilters,
  clearFiltersKey,
  children,
}: {
  header: ReactNode;
  summary?: ReactNode;
  /** The filter fields (`OptionFilter`, `StreetFilter`, a search box). */
  filters: ReactNode;
  filtered: boolean;
  onClearFilters: () => void;
  clearFiltersKey: MessageKey;
  children: ReactNode;
}) {
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {header}
      {summary}
      <FilterBar filtered={filtered} onClear={onClearFilters} clearKey={clearFiltersKey}>
        {filters}
      </FilterBar>
      {children}
    </Space>
  );
}
