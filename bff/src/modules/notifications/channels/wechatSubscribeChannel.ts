import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { NotificationData } from '@jiefang/contracts';
import type { WechatTemplateMap } from '../../../config';
import { postWithAccessToken, requestJson } from './channelHttp';
import type { ChannelOutcome, DeliveryChannel } from './deliveryChannel';
import { sendWithToken, sharedAccessToken, type FetchedToken } from './providerTokens';

export const wechatTokenKey = 'wechat:stable-token';
/** Set while a forced refresh is recent: WeChat allows 20 a day, 30 s apart. */
const forcedRefreshKey = 'wechat:stable-token:forced';

// WeChat limits field lengths by kind: thing ≤ 20 characters, phrase ≤ 5, name ≤ 10.
const fieldLimits: Record<string, number> = { thing: 20, phrase: 5, name: 10, character_string: 32 };

function fieldValue(field: string, source: string, data: NotificationData): string {
  const raw = source.startsWith('=') ? source.slice(1) : String(data[source] ?? '');
  const kind = field.replace(/\d+$/, '');
  const limit = fieldLimits[kind];
  return limit && [...raw].length > limit ? `${[...raw].slice(0, limit - 1).join('')}…` : raw;
}

const tokenAnswer = z.object({
  access_token: z.string().optional(),
  expires_in: z.number().optional(),
  errcode: z.number().optional(),
  errmsg: z.string().optional(),
});
const sendAnswer = z.object({ errcode: z.number().default(0), errmsg: z.string().optional() });

/** Refused for good: the user refused (43101), invalid template (40037), bad data (47003), bad openid (40003). */
const permanentCodes = new Set([43101, 40037, 47003, 40003]);
const tokenCodes = new Set([40001, 42001]);

/**
 * WeChat subscribe messages (mini-program 订阅消息) to members of the public who signed in with WeChat,
 * for templates mapped in WECHAT_TEMPLATES. The access token is the stable one (`/cgi-bin/stable_token`),
 * shared in Redis; a token WeChat calls expired is fetched again, and force-refreshed only when WeChat
 * hands back the same one.
 */
export function wechatSubscribeChannel(options: {
  appId: string;
  secret: string;
  apiBase: string;
  templates: WechatTemplateMap;
  miniprogramState: 'developer' | 'trial' | 'formal';
  redis: Redis;
  timeoutMs?: number;
}): DeliveryChannel {
  const timeoutMs = options.timeoutMs ?? 5000;

  const fetchStableToken = async (forceRefresh: boolean): Promise<FetchedToken> => {
    const answer = await requestJson(new URL('/cgi-bin/stable_token', options.apiBase), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credential',
        appid: options.appId,
        secret: options.secret,
        force_refresh: forceRefresh,
      }),
      timeoutMs,
    });
    if (!answer.ok) return { error: `token: ${answer.error}` };
    const body = tokenAnswer.safeParse(answer.body);
    if (!body.success || !body.data.access_token)
      return { error: `token refused: ${body.data?.errcode ?? '?'} ${body.data?.errmsg ?? ''}`.trim() };
    return { token: body.data.access_token, expiresInSeconds: body.data.expires_in ?? 7200 };
  };

  const tokens = sharedAccessToken({
    redis: options.redis,
    key: wechatTokenKey,
    fetch: async (refused) => {
      const fetched = await fetchStableToken(false);
      // The ordinary call still hands out the refused token: only then force a new one, once per 30 s.
      if (refused === null || 'error' in fetched || fetched.token !== refused) return fetched;
      const mayForce = await options.redis.set(forcedRefreshKey, '1', 'EX', 30, 'NX');
      return mayForce ? fetchStableToken(true) : { error: 'token refused and refreshed moments ago' };
    },
  });

  const send = (token: string, body: string) =>
    postWithAccessToken(
      new URL('/cgi-bin/message/subscribe/send', options.apiBase),
      token,
      body,
      sendAnswer,
      timeoutMs,
    );

  return {
    name: 'wechat',
    considers: (message) =>
      message.spec.audience === 'public' && options.templates[message.template] !== undefined,
    appliesTo: (recipient, message) =>
      message.spec.audience === 'public' &&
      recipient.openId !== null &&
      options.templates[message.template] !== undefined,

    async deliver(recipient, message): Promise<ChannelOutcome> {
      const template = options.templates[message.template];
      if (!template || !recipient.openId) return { outcome: 'refused', error: 'not mapped' };
      const page = template.page?.replace(/\{(\w+)\}/g, (_, key: string) => String(message.data[key] ?? ''));
      const body = JSON.stringify({
        touser: recipient.openId,
        template_id: template.id,
        ...(page ? { page } : {}),
        data: Object.fromEntries(
          Object.entries(template.fields).map(([field, source]) => [
            field,
            { value: fieldValue(field, source, message.data) },
          ]),
        ),
        miniprogram_state: options.miniprogramState,
        lang: 'zh_CN',
      });

      // Expired or invalidated by a forced refresh elsewhere: one more try with a new token.
      const answer = await sendWithToken(tokens, tokenCodes, (token) => send(token, body));
      if (!answer.ok) return { outcome: 'failed', error: answer.error };
      if (answer.errcode === 0) return { outcome: 'sent' };
      const error = `${answer.errcode} ${answer.errmsg ?? ''}`.trim();
      // 45009 (quota), token trouble and anything unknown: worth another try later.
      return permanentCodes.has(answer.errcode)
        ? { outcome: 'refused', error }
        : { outcome: 'failed', error };
    },
  };
}
