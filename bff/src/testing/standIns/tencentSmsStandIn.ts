import { createHash, createHmac } from 'node:crypto';
import { jsonBody, standInServer, type StandInRequest } from './standInServer';

/** A SendSms request as Tencent Cloud received it. */
export interface SmsSend {
  PhoneNumberSet: string[];
  SmsSdkAppId: string;
  SignName: string;
  TemplateId: string;
  TemplateParamSet: string[];
}

/** An API error (Response.Error.Code) or a per-number status (SendStatusSet[].Code), or a 5xx. */
export type SmsAnswer = { error: string } | { status: string } | { httpStatus: number };

export const smsErrors = {
  dailyLimit: { status: 'LimitExceeded.PhoneNumberDailyLimit' },
  templateUnapproved: { error: 'FailedOperation.TemplateIncorrectOrUnapproved' },
  signatureFailure: { error: 'AuthFailure.SignatureFailure' },
} as const;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Tencent Cloud SMS API 3.0 `SendSms` (2021-01-11): a POST of JSON to "/" with X-TC-Action, -Version,
 * -Timestamp, -Region and an Authorization it verifies by recomputing the TC3-HMAC-SHA256 signature
 * from the headers it received, as Tencent documents (AuthFailure.SignatureFailure when they differ).
 */
export async function tencentSmsStandIn(options: {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
}) {
  const sends: SmsSend[] = [];
  const violations: string[] = [];
  const queued: SmsAnswer[] = [];
  let requestIds = 0;

  const error = (code: string, message = code) => ({
    json: { Response: { Error: { Code: code, Message: message }, RequestId: `req-${(requestIds += 1)}` } },
  });

  /** The signature Tencent would compute for this request, or why it cannot. */
  const verify = (request: StandInRequest): string | null => {
    const authorization = String(request.headers.authorization ?? '');
    const match =
      /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
        authorization,
      );
    if (!match) return 'Authorization is not a TC3-HMAC-SHA256 header';
    const [, secretId, date, service, signedHeaders, signature] = match as unknown as string[];
    if (secretId !== options.secretId) return 'unknown SecretId';
    if (service !== 'sms') return `service ${service}, expected sms`;
    const timestamp = Number(request.headers['x-tc-timestamp']);
    if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date)
      return 'date does not match X-TC-Timestamp';
    const names = (signedHeaders ?? '').split(';');
    if (!names.includes('content-type') || !names.includes('host'))
      return 'content-type and host must be signed';
    const canonicalHeaders = names
      .map(
        (name) =>
          `${name}:${String(request.headers[name] ?? '')
            .trim()
            .toLowerCase()}\n`,
      )
      .join('');
    const canonical = `POST\n/\n\n${canonicalHeaders}\n${signedHeaders}\n${sha256(request.body)}`;
    const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/sms/tc3_request\n${sha256(canonical)}`;
    const key = [date ?? '', 'sms', 'tc3_request'].reduce<Buffer | string>(
      (derived, part) => createHmac('sha256', derived).update(part).digest(),
      `TC3${options.secretKey}`,
    );
    const expected = createHmac('sha256', key).update(toSign).digest('hex');
    return expected === signature ? null : 'signature mismatch';
  };

  const handle = (request: StandInRequest) => {
    if (request.method !== 'POST' || request.path !== '/') {
      violations.push(`unexpected ${request.method} ${request.path}`);
      return error('InvalidAction');
    }
    const headers = request.headers;
    if (headers['x-tc-action'] !== 'SendSms')
      violations.push(`X-TC-Action ${String(headers['x-tc-action'])}`);
    if (headers['x-tc-version'] !== '2021-01-11')
      violations.push(`X-TC-Version ${String(headers['x-tc-version'])}`);
    if (!headers['x-tc-region']) violations.push('X-TC-Region missing');
    if (headers['content-type'] !== 'application/json; charset=utf-8')
      violations.push(`Content-Type ${String(headers['content-type'])}`);
    const signatureProblem = verify(request);
    if (signatureProblem) {
      violations.push(signatureProblem);
      return error('AuthFailure.SignatureFailure', signatureProblem);
    }
    const body = jsonBody(request) as unknown as SmsSend | null;
    if (!body) return error('FailedOperation.FailResolvePacket');
    if (
      !Array.isArray(body.PhoneNumberSet) ||
      !body.PhoneNumberSet.every((phone) => /^\+861[3-9]\d{9}$/.test(phone))
    )
      violations.push('PhoneNumberSet must hold +86 mainland mobiles');
    if (body.SmsSdkAppId !== options.sdkAppId) violations.push('SmsSdkAppId mismatch');
    if (body.SignName !== options.signName) violations.push('SignName mismatch');
    if (typeof body.TemplateId !== 'string') violations.push('TemplateId must be a string');
    if (
      !Array.isArray(body.TemplateParamSet) ||
      !body.TemplateParamSet.every((item) => typeof item === 'string')
    )
      violations.push('TemplateParamSet must be strings');
    sends.push(body);
    const answer = queued.shift() ?? { status: 'Ok' };
    if ('httpStatus' in answer) return { status: answer.httpStatus, json: {} };
    if ('error' in answer) return error(answer.error);
    return {
      json: {
        Response: {
          SendStatusSet: body.PhoneNumberSet.map((phone) => ({
            SerialNo: `serial-${sends.length}`,
            PhoneNumber: phone,
            Fee: 1,
            SessionContext: '',
            Code: answer.status,
            Message: answer.status === 'Ok' ? 'send success' : answer.status,
            IsoCode: 'CN',
          })),
          RequestId: `req-${(requestIds += 1)}`,
        },
      },
    };
  };

  const server = await standInServer(handle);
  return {
    url: server.url,
    sends,
    violations,
    answerNext(...answers: SmsAnswer[]) {
      queued.push(...answers);
    },
    close: server.close,
  };
}

export type TencentSmsStandIn = Awaited<ReturnType<typeof tencentSmsStandIn>>;
