import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { Loading } from '@nutui/nutui-react-taro';
import { t } from '../i18n';

/** The card shown while a page's content loads. */
export function LoadingBox({ testId, text }: { testId: string; text: string }) {
  return (
    <View className="jf-card jf-status-box" data-testid={testId}>
      <Loading>{text}</Loading>
    </View>
  );
}

/** 加载失败：why, and 重试. */
export function ErrorBox({
  testId,
  message,
  onRetry,
  retryTestId = `${testId}-retry`,
}: {
  testId: string;
  message: string;
  onRetry: () => void;
  retryTestId?: string;
}) {
  return (
    <View className="jf-card jf-status-box jf-status-box--error" data-testid={testId}>
      <Text>{`${t('common.loadFailed')}：${message}`}</Text>
      <Text className="jf-link" data-testid={retryTestId} onClick={onRetry}>
        {t('common.retry')}
      </Text>
    </View>
  );
}

/** Nothing to show yet: a big icon, a line, and what to do next. */
export function EmptyBox({
  testId,
  icon,
  text,
  children,
}: {
  testId: string;
  icon: string;
  text: string;
  children?: ReactNode;
}) {
  return (
    <View className="jf-card jf-empty-box" data-testid={testId}>
      <Text className="jf-empty-box__icon">{icon}</Text>
      <Text className="jf-empty-box__text">{text}</Text>
      {children}
    </View>
  );
}
