/**
 * The icons a category may show: a fixed set of keys, each drawn as the same emoji by the admin panel
 * and the mini-program (both render text, so neither needs image files, and WeChat draws emoji natively).
 */
export const categoryIconGlyphs = {
  cart: '🛒',
  car: '🚗',
  trash: '🗑️',
  speaker: '🔊',
  smoke: '💨',
  roadwork: '🚧',
  tree: '🌳',
  hole: '🕳️',
  plug: '🔌',
  extinguisher: '🧯',
  memo: '📝',
  water: '💧',
  light: '💡',
  dog: '🐕',
  building: '🏗️',
  warning: '⚠️',
} as const;

export type CategoryIcon = keyof typeof categoryIconGlyphs;
export const categoryIcons = Object.keys(categoryIconGlyphs) as [CategoryIcon, ...CategoryIcon[]];
