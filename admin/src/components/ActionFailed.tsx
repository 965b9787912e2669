import { Alert } from 'antd';
import { describeError } from '../api/errors';
import { t, type MessageKey } from '../i18n';

/** Why the last attempt of an action failed ("保存失败：…"), shown under its form until the next attempt. */
export function ActionFailed({
  mutation,
  messageKey,
  testId,
}: {
  mutation: { isError: boolean; error: unknown };
  /** A message with a `{message}` placeholder for the reason. */
  messageKey: MessageKey;
  testId?: string;
}) {
  if (!mutation.isError) return null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testId}
      message={t(messageKey, { message: describeError(mutation.error) })}
    />
  );
}
