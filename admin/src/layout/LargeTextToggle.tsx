import { Space, Switch, Typography } from 'antd';
import { useId } from 'react';
import { t } from '../i18n';
import { useLargeText } from '../preferences/largeText';

export function LargeTextToggle() {
  const [largeText, setLargeText] = useLargeText();
  const labelId = useId();
  return (
    <Space size={8}>
      <Typography.Text id={labelId} style={{ whiteSpace: 'nowrap' }}>
        {t('header.largeText')}
      </Typography.Text>
      <Switch
        data-testid="large-text-toggle"
        aria-labelledby={labelId}
        checked={largeText}
        onChange={setLargeText}
      />
    </Space>
  );
}
