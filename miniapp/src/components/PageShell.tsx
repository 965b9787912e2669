import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { pageClassName } from '../prefs/largeText';
import { useLargeText } from './useLargeText';

/**
 * The root of every page. In a mini-program each page is its own tree (no app-level element wraps it), so
 * the large-text class is applied here, on each page's root, from the one shared preference.
 */
export function PageShell({ children }: { children: ReactNode }) {
  const large = useLargeText();
  return <View className={pageClassName(large)}>{children}</View>;
}
