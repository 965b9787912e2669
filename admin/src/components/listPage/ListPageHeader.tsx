import { ReloadOutlined } from '@ant-design/icons';
import { Button, Typography, theme } from 'antd';
import { type ReactNode } from 'react';
import { t, type MessageKey } from '../../i18n';
import { formatTime } from '../../i18n/format';

/** A list page's title row: title, live status, when the list was loaded, refresh and the page's own buttons. */
export function ListPageHeader({
  title,
  live,
  updatedAt,
  updatedAtKey,
  refreshKey,
  refreshing,
  onRefresh,
  children,
}: {
  title: string;
  /** The live-stream indicator, on pages that follow one. */
  live?: ReactNode;
  /** `dataUpdatedAt` of the list query; 0 before the first answer. */
  updatedAt: number;
  /** "更新于 {time}" in the page's area. */
  updatedAtKey: MessageKey;
  refreshKey: MessageKey;
  refreshing: boolean;
  onRefresh: () => void;
  /** Buttons after refresh (register, create). */
  children?: ReactNode;
}) {
  const { token } = theme.useToken();
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: token.marginSM, flexWrap: 'wrap' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {live}
      <div style={{ flex: 1 }} />
      {updatedAt > 0 && (
        <Typography.Text type="secondary">{t(updatedAtKey, { time: formatTime(updatedAt) })}</Typography.Text>
      )}
      <Button icon={<ReloadOutlined />} loading={refreshing} onClick={onRefresh}>
        {t(refreshKey)}
      </Button>
      {children}
    </div>
  );
}
