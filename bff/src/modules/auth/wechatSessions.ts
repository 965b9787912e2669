import { z } from 'zod';
import { HttpError, dependencyUnavailable } from '../../http/httpError';

export interface WechatSession {
  openId: string;
  unionId?: string;
}

export interface WechatSessions {
  /** Exchanges a wx.login code for the user's openid; the session_key never leaves the BFF. */
  exchange(code: string): Promise<WechatSession>;
}

const code2SessionSchema = z.object({
  openid: z.string().optional(),
  unionid: z.string().optional(),
  session_key: z.string().optional(),
  errcode: z.number().optional(),
  errmsg: z.string().optional(),
});

/** Calls WeChat's code2Session endpoint (`/sns/jscode2session`) over HTTPS. */
export function wechatSessions(
  appId: string,
  secret: string,
  apiBase: string,
  timeoutMs = 5000,
): WechatSessions {
  return {
    async exchange(code) {
      const url = new URL('/sns/jscode2session', apiBase);
      url.search = new URLSearchParams({
        appid: appId,
        secret,
        js_code: code,
        grant_type: 'authorization_code',
      }).toString();
      let response: Response;
      try {
        response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      } catch {
        throw dependencyUnavailable('wechat');
      }
      if (!response.ok) throw dependencyUnavailable('wechat');
      const parsed = code2SessionSchema.safeParse(await response.json().catch(() => null));
      if (!parsed.success) throw dependencyUnavailable('wechat');
      const answer = parsed.data;
      if (answer.errcode && answer.errcode !== 0) throw wechatError(answer.errcode);
      if (!answer.openid) throw dependencyUnavailable('wechat');
      return { openId: answer.openid, ...(answer.unionid ? { unionId: answer.unionid } : {}) };
    },
  };
}

function wechatError(errcode: number): HttpError {
  switch (errcode) {
    case 40029:
    case 40163:
      return new HttpError(401, 'unauthenticated', '微信登录凭证无效或已使用，请重试', {
        wechatErrcode: errcode,
      });
    case 45011:
      return new HttpError(
        429,
        'rate_limited',
        '微信登录过于频繁，请稍后再试',
        { wechatErrcode: errcode },
        {
          'Retry-After': '60',
        },
      );
    case 40226:
      return new HttpError(403, 'forbidden', '该微信账号暂时无法登录', { wechatErrcode: errcode });
    default:
      return new HttpError(
        503,
        'dependency_unavailable',
        '微信登录服务暂时不可用',
        { wechatErrcode: errcode },
        {
          'Retry-After': '5',
        },
      );
  }
}
