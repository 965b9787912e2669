import type { Redis } from 'ioredis';
import { z } from 'zod';
import { notificationSubjectId, type NotificationSubject } from '@jiefang/contracts';
import { postWithAccessToken, requestJson } from './channelHttp';
import type { ChannelOutcome, DeliveryChannel } from './deliveryChannel';
import { sendWithToken, sharedAccessToken, type FetchedToken } from './providerTokens';

export const wecomTokenKey = 'wecom:access-token';

const tokenAnswer = z.object({
  errcode: z.number().default(0),
  errmsg: z.string().optional(),
  access_token: z.string().optional(),
  expires_in: z.number().optional(),
});
const sendAnswer = z.object({
  errcode: z.number().default(0),
  errmsg: z.string().optional(),
  invaliduser: z.string().optional(),
  unlicenseduser: z.string().optional(),
});

/** 42001 expired, 40014 invalid, 40082 (its variant for some suites): fetch a new token and try again. */
const tokenCodes = new Set([42001, 40014, 40082]);
/** Refused for good: all recipients invalid (81013), invalid UserID (40003), bad message (40008). */
const permanentCodes = new Set([81013, 40003, 40008]);

/** Where a card opens in the admin panel: the ticket, alarm or escort it is about, or the rosters. */
const adminPages: Record<NotificationSubject, { path: string; param: string | null }> = {
  ticket: { path: '/tickets', param: 'ticket' },
  alarm: { path: '/alarms', param: 'alarm' },
  escort: { path: '/escorts', param: 'escort' },
  roster: { path: '/rosters', param: null },
};

/** Cuts text to at most `bytes` UTF-8 bytes (WeCom limits textcard fields by bytes). */
function cutToBytes(text: string, bytes: number): string {
  if (Buffer.byteLength(text) <= bytes) return text;
  let cut = '';
  for (const character of text) {
    if (Buffer.byteLength(`${cut}${character}…`) > bytes) break;
    cut += character;
  }
  return `${cut}…`;
}

/**
 * 企业微信 application messages (textcard) to staff with a WeCom UserID, opening the admin panel's
 * page of what the notification is about. The token (`/cgi-bin/gettoken`) is shared in Redis.
 */
export function wecomChannel(options: {
  corpId: string;
  corpSecret: string;
  agentId: number;
  apiBase: string;
  /** The admin panel's public address, e.g. https://jiefang.example.cn/admin */
  adminUrl: string;
  redis: Redis;
  timeoutMs?: number;
}): DeliveryChannel {
  const timeoutMs = options.timeoutMs ?? 5000;
  const adminBase = options.adminUrl.replace(/\/+$/, '');

  const tokens = sharedAccessToken({
    redis: options.redis,
    key: wecomTokenKey,
    fetch: async (): Promise<FetchedToken> => {
      const url = new URL('/cgi-bin/gettoken', options.apiBase);
      url.search = new URLSearchParams({ corpid: options.corpId, corpsecret: options.corpSecret }).toString();
      const answer = await requestJson(url, { method: 'GET', timeoutMs });
      if (!answer.ok) return { error: `token: ${answer.error}` };
      const body = tokenAnswer.safeParse(answer.body);
      if (!body.success || body.data.errcode !== 0 || !body.data.access_token)
        return { error: `token refused: ${body.data?.errcode ?? '?'} ${body.data?.errmsg ?? ''}`.trim() };
      return { token: body.data.access_token, expiresInSeconds: body.data.expires_in ?? 7200 };
    },
  });

  const send = (token: string, body: string) =>
    postWithAccessToken(
      new URL('/cgi-bin/message/send', options.apiBase),
      token,
      body,
      sendAnswer,
      timeoutMs,
    );

  const linkFor = (subject: NotificationSubject, id: string | null) => {
    const page = adminPages[subject];
    // The panel routes by hash (createHashRouter): /admin/#/tickets?ticket=<id>.
    const route = id && page.param ? `${page.path}?${page.param}=${encodeURIComponent(id)}` : page.path;
    return `${adminBase}/#${route}`;
  };

  return {
    name: 'wecom',
    // Any template may reach staff (a smoke alarm goes to owners and community workers alike).
    considers: () => true,
    appliesTo: (recipient) => recipient.staff && recipient.wecomUserId !== null,

    async deliver(recipient, message): Promise<ChannelOutcome> {
      const userId = recipient.wecomUserId;
      if (!userId) return { outcome: 'refused', error: 'no WeCom UserID' };
      const body = JSON.stringify({
        touser: userId,
        msgtype: 'textcard',
        agentid: options.agentId,
        textcard: {
          title: cutToBytes(message.spec.title, 128),
          description: cutToBytes(message.spec.body(message.data), 512),
          url: linkFor(message.spec.subject, notificationSubjectId(message.spec, message.data)),
          btntxt: '查看详情',
        },
      });

      // Expired or invalidated by a forced refresh elsewhere: one more try with a new token.
      const answer = await sendWithToken(tokens, tokenCodes, (token) => send(token, body));
      if (!answer.ok) return { outcome: 'failed', error: answer.error };
      if (answer.errcode === 0) {
        // Sent "successfully" to nobody: the UserID is unknown, or outside the app's visible range.
        const lowered = userId.toLowerCase();
        const listed = (field?: string) => (field ?? '').toLowerCase().split('|').includes(lowered);
        if (listed(answer.invaliduser)) return { outcome: 'refused', error: `invaliduser ${userId}` };
        if (listed(answer.unlicenseduser)) return { outcome: 'refused', error: `unlicenseduser ${userId}` };
        return { outcome: 'sent' };
      }
      const error = `${answer.errcode} ${answer.errmsg ?? ''}`.trim();
      // 45009 / 45033 (quota, frequency), 60020 (server IP not allowed) and the unknown: retried later.
      return permanentCodes.has(answer.errcode)
        ? { outcome: 'refused', error }
        : { outcome: 'failed', error };
    },
  };
}
