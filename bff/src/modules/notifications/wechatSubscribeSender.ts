import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { WechatTemplateMap } from '../../config';
import type { NotificationSender, SendResult } from './notificationSenders';
import type { OutboxDocument } from './outboxModel';

const tokenKey = 'wechat:access-token';

// WeChat limits field lengths by kind: thing ≤ 20 characters, phrase ≤ 5, name ≤ 10.
const fieldLimits: Record<string, number> = { thing: 20, phrase: 5, name: 10, character_string: 32 };

function fieldValue(field: string, source: string, data: OutboxDocument['data']): string {
  const raw = source.startsWith('=') ? source.slice(1) : String(data[source] ?? '');
  const kind = field.replace(/\d+$/, '');
  const limit = fieldLimits[kind];
  return limit && [...raw].length > limit ? `${[...raw].slice(0, limit - 1).join('')}…` : raw;
}

/**
 * Sends subscribe messages through WeChat's API for users who signed in with WeChat and templates
 * that are mapped; everything else goes to the fallback sender (the in-app inbox and the log).
 */
export function wechatSubscribeSender(options: {
  appId: string;
  secret: string;
  apiBase: string;
  templates: WechatTemplateMap;
  redis: Redis;
  openIdOf: (userId: string) => Promise<string | null>;
  fallback: NotificationSender;
  timeoutMs?: number;
}): NotificationSender {
  const timeout = options.timeoutMs ?? 5000;

  const accessToken = async (): Promise<string> => {
    const cached = await options.redis.get(tokenKey);
    if (cached) return cached;
    const url = new URL('/cgi-bin/token', options.apiBase);
    url.search = new URLSearchParams({
      grant_type: 'client_credential',
      appid: options.appId,
      secret: options.secret,
    }).toString();
    const response = await fetch(url, { signal: AbortSignal.timeout(timeout) });
    const body = z
      .object({
        access_token: z.string().optional(),
        expires_in: z.number().optional(),
        errcode: z.number().optional(),
        errmsg: z.string().optional(),
      })
      .parse(await response.json());
    if (!body.access_token) throw new Error(`access token refused: ${body.errcode} ${body.errmsg ?? ''}`);
    // Renew five minutes early so a token never expires in flight.
    await options.redis.set(tokenKey, body.access_token, 'EX', Math.max(60, (body.expires_in ?? 7200) - 300));
    return body.access_token;
  };

  return {
    async send(notification): Promise<SendResult> {
      const template = options.templates[notification.template];
      const openId = template ? await options.openIdOf(notification.recipientId) : null;
      if (!template || !openId) return options.fallback.send(notification);

      const token = await accessToken();
      const url = new URL('/cgi-bin/message/subscribe/send', options.apiBase);
      url.search = new URLSearchParams({ access_token: token }).toString();
      const data = Object.fromEntries(
        Object.entries(template.fields).map(([field, source]) => [
          field,
          { value: fieldValue(field, source, notification.data) },
        ]),
      );
      const page = template.page?.replace(/\{(\w+)\}/g, (_, key: string) =>
        String(notification.data[key] ?? ''),
      );
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ touser: openId, template_id: template.id, ...(page ? { page } : {}), data }),
        signal: AbortSignal.timeout(timeout),
      });
      const answer = z
        .object({ errcode: z.number().default(0), errmsg: z.string().optional() })
        .parse(await response.json());
      if (answer.errcode === 0) return { ok: true, channel: 'wechat' };
      if (answer.errcode === 40001 || answer.errcode === 42001) await options.redis.del(tokenKey);
      // 43101: the user has not (or no longer) accepted this template; retrying cannot help.
      return {
        ok: false,
        permanent: answer.errcode === 43101,
        error: `wechat ${answer.errcode} ${answer.errmsg ?? ''}`.trim(),
      };
    },
  };
}
