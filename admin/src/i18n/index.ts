import { type ConfigProviderProps } from 'antd';
import antdZhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
// antd's pickers format with dayjs: without its Chinese locale they name months and weekdays in English.
import 'dayjs/locale/zh-cn';
import { zhCN } from './zh-CN';

/** Every key of the message catalogue. */
export type MessageKey = keyof typeof zhCN;
/** The shape each locale's catalogue must have. */
export type Catalogue = Record<MessageKey, string>;
export type LocaleCode = 'zh-CN';
export type MessageParams = Record<string, string | number>;
type AntdLocale = NonNullable<ConfigProviderProps['locale']>;

interface LocaleBundle {
  messages: Catalogue;
  /** Ant Design's own component strings (pagination, pickers, empty states). */
  antd: AntdLocale;
  /** BCP 47 tag for dates and numbers. */
  intl: string;
  /** dayjs's name for the locale (the pickers' month and weekday names, weeks starting on Monday). */
  dayjs: string;
}

// To add a locale: write `en-US.ts` exporting a `Catalogue`, register it here and widen `LocaleCode`.
const locales: Record<LocaleCode, LocaleBundle> = {
  'zh-CN': { messages: zhCN, antd: antdZhCN, intl: 'zh-CN', dayjs: 'zh-cn' },
};

let current: LocaleCode = 'zh-CN';
dayjs.locale(locales[current].dayjs);

export function setLocale(code: LocaleCode): void {
  current = code;
  dayjs.locale(locales[code].dayjs);
}

export function currentLocale(): LocaleBundle {
  return locales[current];
}

/** Fills `{name}` placeholders; unknown placeholders are left as they are so mistakes stay visible. */
export function format(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** Looks up a message of the current locale. */
export function t(key: MessageKey, params?: MessageParams): string {
  return format(locales[current].messages[key], params);
}
