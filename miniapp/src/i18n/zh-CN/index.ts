import { commonMessages } from './common';
import { devicesMessages } from './devices';
import { escortMessages } from './escort';
import { homeMessages } from './home';
import { loginMessages } from './login';
import { messagesMessages } from './messages';
import { myDataMessages } from './myData';
import { officerMessages } from './officer';
import { reportMessages } from './report';
import { reportMapMessages } from './reportMap';

/**
 * Simplified Chinese message catalogue: every string the mini-program shows lives in one file per feature
 * here. Another locale is a file exporting `Messages` (same keys) registered in `../index.ts`. Placeholders
 * are written `{name}`.
 */
export const zhCN = {
  ...commonMessages,
  ...loginMessages,
  ...homeMessages,
  ...reportMessages,
  ...reportMapMessages,
  ...devicesMessages,
  ...escortMessages,
  ...messagesMessages,
  ...myDataMessages,
  ...officerMessages,
} as const;
