import { jsonBody, standInServer, type StandInRequest } from './standInServer';

/** An application message as WeCom received it (textcard). */
export interface WecomSend {
  touser: string;
  msgtype: string;
  agentid: number;
  textcard: { title: string; description: string; url: string; btntxt?: string };
}

export type WecomAnswer = { errcode: number; errmsg?: string } | { httpStatus: number };

/** Documented errors, for `answerNext`. */
export const wecomErrors = {
  quota: { errcode: 45009, errmsg: 'api freq out of limit' },
  frequency: { errcode: 45033, errmsg: 'user api freq out of limit' },
  ipNotAllowed: { errcode: 60020, errmsg: 'not allow to access from your ip' },
  expiredToken: { errcode: 42001, errmsg: 'access_token expired' },
} as const;

/**
 * 企业微信's server API for application messages: `GET /cgi-bin/gettoken?corpid=&corpsecret=` and
 * `POST /cgi-bin/message/send?access_token=` with { touser, msgtype: 'textcard', agentid,
 * textcard: { title ≤ 128 bytes, description ≤ 512 bytes, url, btntxt } }. A UserID it does not know is
 * answered errcode 0 with `invaliduser`; a token expired with 42001, an unknown one with 40014.
 */
export async function wecomStandIn(options: {
  corpId: string;
  corpSecret: string;
  agentId: number;
  users: string[];
}) {
  let generation = 1;
  let current = 'wecom-token-1';
  const expired = new Set<string>();
  const sends: WecomSend[] = [];
  let tokenRequests = 0;
  const violations: string[] = [];
  const queued: WecomAnswer[] = [];
  const known = new Set(options.users.map((user) => user.toLowerCase()));

  const handle = (request: StandInRequest) => {
    if (request.path === '/cgi-bin/gettoken') {
      if (request.method !== 'GET') violations.push('gettoken must be a GET');
      tokenRequests += 1;
      if (
        request.query.get('corpid') !== options.corpId ||
        request.query.get('corpsecret') !== options.corpSecret
      )
        return { json: { errcode: 40001, errmsg: 'invalid credential' } };
      if (expired.has(current)) {
        generation += 1;
        current = `wecom-token-${generation}`;
      }
      return { json: { errcode: 0, errmsg: 'ok', access_token: current, expires_in: 7200 } };
    }
    if (request.path === '/cgi-bin/message/send') {
      const token = request.query.get('access_token') ?? '';
      const body = jsonBody(request) as unknown as WecomSend | null;
      if (request.method !== 'POST' || !body) {
        violations.push('message/send must be a POST of JSON');
        return { json: { errcode: 40008, errmsg: 'invalid message type' } };
      }
      if (expired.has(token)) return { json: wecomErrors.expiredToken };
      if (token !== current) return { json: { errcode: 40014, errmsg: 'invalid access_token' } };
      if (body.msgtype !== 'textcard') violations.push(`msgtype ${body.msgtype}, expected textcard`);
      if (body.agentid !== options.agentId)
        violations.push(`agentid ${String(body.agentid)} is not a number ${options.agentId}`);
      const card = body.textcard;
      if (
        !card ||
        typeof card.title !== 'string' ||
        typeof card.description !== 'string' ||
        typeof card.url !== 'string'
      )
        violations.push('textcard needs title, description and url');
      else {
        if (Buffer.byteLength(card.title) > 128) violations.push('textcard title over 128 bytes');
        if (Buffer.byteLength(card.description) > 512) violations.push('textcard description over 512 bytes');
        if (!/^https?:\/\//.test(card.url)) violations.push('textcard url must be absolute');
      }
      sends.push(body);
      const answer = queued.shift();
      if (answer && 'httpStatus' in answer) return { status: answer.httpStatus, json: {} };
      if (answer) return { json: answer };
      const unknown = body.touser.split('|').filter((user) => !known.has(user.toLowerCase()));
      return {
        json: {
          errcode: 0,
          errmsg: 'ok',
          ...(unknown.length ? { invaliduser: unknown.map((user) => user.toLowerCase()).join('|') } : {}),
          msgid: `msg-${sends.length}`,
        },
      };
    }
    violations.push(`unexpected ${request.method} ${request.path}`);
    return { status: 404, json: {} };
  };

  const server = await standInServer(handle);
  return {
    url: server.url,
    sends,
    violations,
    tokenRequests: () => tokenRequests,
    answerNext(...answers: WecomAnswer[]) {
      queued.push(...answers);
    },
    /** The current token expires: sends with it get 42001, the next gettoken a new one. */
    expireToken() {
      expired.add(current);
    },
    close: server.close,
  };
}

export type WecomStandIn = Awaited<ReturnType<typeof wecomStandIn>>;
