import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { pageClassName } from '../prefs/largeText';
import { useLargeText } from './useLargeText';

/**
 * The root of every page. In a mini-program each page is its own tree (no app-level element wraps it), so
 * the large-text class is applied here, on each page's root, from the one shared preference. Pages made
 * for elders pass `alwaysLarge`: large text is on there whatever the switch says, and stays on.
 */
export function PageShell({ children, alwaysLarge = false }: { children: ReactNode; alwaysLarge?: boolean }) {
  const large = useLargeText();
  return <View className={pageClassName(large || alwaysLarge)}>{children}</View>;
}
