import { theme, type ThemeConfig } from 'antd';

const BASE_FONT_SIZE = 14;
const LARGE_FONT_SIZE = 18;

const fontFamily = [
  '-apple-system',
  'BlinkMacSystemFont',
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"Source Han Sans SC"',
  '"Segoe UI"',
  'Roboto',
  '"Helvetica Neue"',
  'Arial',
  'sans-serif',
].join(', ');

/** The antd theme; large-text mode scales type and control sizes together so layouts keep their rhythm. */
export function buildTheme(largeText: boolean): ThemeConfig {
  const fontSize = largeText ? LARGE_FONT_SIZE : BASE_FONT_SIZE;
  const scale = fontSize / BASE_FONT_SIZE;
  return {
    algorithm: theme.defaultAlgorithm,
    token: {
      colorPrimary: '#1668dc',
      fontFamily,
      fontSize,
      // antd derives the small size from a fixed scale that barely moves; tags and hints must grow too.
      fontSizeSM: Math.round(12 * scale),
      controlHeight: Math.round(32 * scale),
      borderRadius: 6,
    },
    components: {
      Layout: { headerBg: '#ffffff', siderBg: '#001529', bodyBg: '#f5f7fa' },
      Menu: { itemHeight: Math.round(40 * scale) },
    },
  };
}
