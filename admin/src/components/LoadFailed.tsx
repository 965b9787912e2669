import { Alert, Button } from 'antd';
import { type CSSProperties } from 'react';

/** "加载失败：…" with a retry button, where a list or a record could not be loaded at all. */
export function LoadFailed({
  message,
  retryLabel,
  onRetry,
  testId,
  style,
}: {
  message: string;
  retryLabel: string;
  onRetry: () => void;
  testId?: string;
  style?: CSSProperties;
}) {
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testId}
      style={style}
      message={message}
      action={
        <Button size="small" onClick={onRetry}>
          {retryLabel}
        </Button>
      }
    />
  );
}
