import { jsonBody, standInServer, type StandInRequest } from './standInServer';

/** A subscribe-message send as WeChat received it. */
export interface WechatSend {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: string;
  lang?: string;
}

/** What the stand-in answers a valid send with: a documented errcode, or a 5xx. */
export type WechatAnswer = { errcode: number; errmsg?: string } | { httpStatus: number };

/** Documented errors, for `answerNext`. */
export const wechatErrors = {
  userRefused: { errcode: 43101, errmsg: 'user refuse to accept the msg' },
  invalidTemplate: { errcode: 40037, errmsg: 'invalid template_id' },
  quota: { errcode: 45009, errmsg: 'reach max api daily quota limit' },
  expiredToken: { errcode: 42001, errmsg: 'access_token expired' },
} as const;

/**
 * WeChat's server API for sign-in and subscribe messages: `GET /sns/jscode2session` (appid, secret,
 * js_code, grant_type=authorization_code; the openid here is `openid-<code>`), `POST /cgi-bin/stable_token` (JSON grant_type, appid,
 * secret, force_refresh; a forced refresh invalidates the previous token) and
 * `POST /cgi-bin/message/subscribe/send?access_token=` (touser, template_id, data of {value}, optional
 * page and miniprogram_state), answering 40001 for a token it does not hold and 42001 for one expired.
 */
export async function wechatStandIn(credentials: { appId: string; secret: string }) {
  let generation = 1;
  let current = 'wx-token-1';
  const expired = new Set<string>();
  const refused = new Set<string>();
  const sends: WechatSend[] = [];
  const tokenRequests: Array<{ forceRefresh: boolean }> = [];
  const violations: string[] = [];
  const queued: WechatAnswer[] = [];

  const issue = () => {
    generation += 1;
    current = `wx-token-${generation}`;
  };

  const handle = (request: StandInRequest) => {
    if (request.path === '/sns/jscode2session') {
      const query = request.query;
      if (request.method !== 'GET') violations.push('jscode2session must be a GET');
      if (query.get('grant_type') !== 'authorization_code')
        violations.push('grant_type must be authorization_code');
      if (query.get('appid') !== credentials.appId || query.get('secret') !== credentials.secret)
        return { json: { errcode: 40013, errmsg: 'invalid appid' } };
      const code = query.get('js_code') ?? '';
      if (!code) return { json: { errcode: 40029, errmsg: 'invalid code' } };
      return { json: { openid: `openid-${code}`, session_key: `session-${code}` } };
    }
    const body = jsonBody(request);
    if (request.path === '/cgi-bin/stable_token') {
      if (request.method !== 'POST' || !body) violations.push('stable_token must be a POST of JSON');
      if (body?.grant_type !== 'client_credential') violations.push('grant_type must be client_credential');
      if (body?.appid !== credentials.appId || body?.secret !== credentials.secret)
        return { json: { errcode: 40013, errmsg: 'invalid appid' } };
      if (body.force_refresh !== undefined && typeof body.force_refresh !== 'boolean')
        violations.push('force_refresh must be a boolean');
      const forceRefresh = body.force_refresh === true;
      tokenRequests.push({ forceRefresh });
      // The ordinary mode hands out the same token while it is valid; a forced refresh replaces it.
      if (forceRefresh || expired.has(current)) issue();
      return { json: { access_token: current, expires_in: 7200 } };
    }
    if (request.path === '/cgi-bin/message/subscribe/send') {
      const token = request.query.get('access_token') ?? '';
      if (request.method !== 'POST' || !body) violations.push('subscribe/send must be a POST of JSON');
      if (expired.has(token)) return { json: wechatErrors.expiredToken };
      if (token !== current || refused.has(token))
        return { json: { errcode: 40001, errmsg: 'invalid credential' } };
      const send = body as unknown as WechatSend;
      if (typeof send.touser !== 'string' || typeof send.template_id !== 'string')
        violations.push('touser and template_id are required strings');
      if (
        !send.data ||
        !Object.values(send.data).every((field) => typeof (field as { value?: unknown }).value === 'string')
      )
        violations.push('data must map each field to { value: string }');
      if (
        send.miniprogram_state !== undefined &&
        !['developer', 'trial', 'formal'].includes(send.miniprogram_state)
      )
        violations.push('miniprogram_state must be developer, trial or formal');
      sends.push(send);
      const answer = queued.shift() ?? { errcode: 0, errmsg: 'ok' };
      if ('httpStatus' in answer) return { status: answer.httpStatus, json: {} };
      return { json: answer.errcode === 0 ? { ...answer, msgid: sends.length } : answer };
    }
    violations.push(`unexpected ${request.method} ${request.path}`);
    return { status: 404, json: {} };
  };

  const server = await standInServer(handle);
  return {
    url: server.url,
    sends,
    tokenRequests,
    violations,
    /** Answers the next valid sends with these, in order; then success again. */
    answerNext(...answers: WechatAnswer[]) {
      queued.push(...answers);
    },
    /** The current token expires: sends with it get 42001, and the ordinary token call gives a new one. */
    expireToken() {
      expired.add(current);
    },
    /** Another party forced a refresh: the token our side holds is invalid (40001). */
    rotateTokenElsewhere() {
      issue();
    },
    /** WeChat refuses the current token (40001) yet hands it out in ordinary mode: only a forced refresh helps. */
    refuseCurrentToken() {
      refused.add(current);
    },
    close: server.close,
  };
}

export type WechatStandIn = Awaited<ReturnType<typeof wechatStandIn>>;
