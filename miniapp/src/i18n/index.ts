import { zhCN } from './zh-CN';

export type MessageKey = keyof typeof zhCN;
/** A complete catalogue for one locale: the same keys as zh-CN. */
export type Messages = { readonly [K in MessageKey]: string };

export const locales = ['zh-CN'] as const;
export type Locale = (typeof locales)[number];

const catalogues: Record<Locale, Messages> = { 'zh-CN': zhCN };
let current: Locale = 'zh-CN';

export function setLocale(locale: Locale): void {
  current = locale;
}

export function getLocale(): Locale {
  return current;
}

/** The `{placeholder}` names in a message, as a union of string literals. */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;
type ParamsFor<K extends MessageKey> = [Placeholders<(typeof zhCN)[K]>] extends [never]
  ? []
  : [params: Record<Placeholders<(typeof zhCN)[K]>, string | number>];

/** The keys of messages without placeholders (can be kept in tables and passed to `t` alone). */
export type PlainMessageKey = {
  [K in MessageKey]: [Placeholders<(typeof zhCN)[K]>] extends [never] ? K : never;
}[MessageKey];

/** Looks a message up in the current locale and fills its placeholders; the compiler checks both. */
export function t<K extends MessageKey>(key: K, ...args: ParamsFor<K>): string {
  const template = catalogues[current][key] ?? zhCN[key];
  const params = args[0] as Record<string, string | number> | undefined;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * The text before and after one placeholder, for a message whose placeholder is rendered as its own element
 * (e.g. a name that tests look up): `splitMessage('home.greeting', 'name')` → ['', '，您好'].
 */
export function splitMessage<K extends MessageKey>(
  key: K,
  placeholder: Placeholders<(typeof zhCN)[K]>,
): [string, string] {
  const template: string = catalogues[current][key] ?? zhCN[key];
  const marker = `{${placeholder}}`;
  const at = template.indexOf(marker);
  if (at < 0) return [template, ''];
  return [template.slice(0, at), template.slice(at + marker.length)];
}
