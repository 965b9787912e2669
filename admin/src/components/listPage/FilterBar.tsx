import { Button, Card, Select, Space } from 'antd';
import { type ReactNode } from 'react';
import { t, type MessageKey } from '../../i18n';
import { useSession } from '../../auth/useSession';
import { streetsInReach } from '../../statistics/scope';
import { useStreets } from '../../tickets/queries';

/** The filters above a list, with "清除筛选" while any is set. */
export function FilterBar({
  filtered,
  onClear,
  clearKey,
  children,
}: {
  filtered: boolean;
  onClear: () => void;
  clearKey: MessageKey;
  children: ReactNode;
}) {
  return (
    <Card size="small">
      <Space wrap size="middle">
        {children}
        {filtered && (
          <Button type="link" onClick={onClear}>
            {t(clearKey)}
          </Button>
        )}
      </Space>
    </Card>
  );
}

export interface OptionFilterProps {
  testId: string;
  /** The accessible name. */
  label: string;
  /** The first option, which sets no filter ("全部状态"). */
  allLabel: string;
  minWidth: number;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  options: readonly { value: string; label: string }[];
  loading?: boolean;
}

/** One filter: a choice of values, or all of them. */
export function OptionFilter({
  testId,
  label,
  allLabel,
  minWidth,
  value,
  onChange,
  options,
  loading,
}: OptionFilterProps) {
  return (
    <Select<string>
      data-testid={testId}
      aria-label={label}
      style={{ minWidth }}
      value={value ?? ''}
      loading={loading}
      onChange={(next) => onChange(next || undefined)}
      options={[{ value: '', label: allLabel }, ...options]}
    />
  );
}

/** The street filter, with the streets the signed-in person can see (the BFF answers nothing for others). */
export function StreetFilter(props: Omit<OptionFilterProps, 'options' | 'loading' | 'minWidth'>) {
  const streets = useStreets();
  const user = useSession()?.user;
  return (
    <OptionFilter
      {...props}
      minWidth={160}
      loading={streets.isPending}
      options={streetsInReach(user, streets.data?.items ?? []).map((item) => ({
        value: item.id,
        label: item.name,
      }))}
    />
  );
}
