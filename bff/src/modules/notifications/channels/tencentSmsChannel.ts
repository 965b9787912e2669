import { z } from 'zod';
import type { NotificationData } from '@jiefang/contracts';
import type { SmsTemplateMap } from '../../../config';
import type { Clock } from '../../../infra/clock';
import { requestJson } from './channelHttp';
import type { ChannelOutcome, DeliveryChannel } from './deliveryChannel';
import { tc3Authorization, tc3ContentType } from './tencentCloudSignature';

const smsApiVersion = '2021-01-11';

const sendSmsAnswer = z.object({
  Response: z.object({
    Error: z.object({ Code: z.string(), Message: z.string().optional() }).optional(),
    SendStatusSet: z
      .array(
        z.object({ Code: z.string(), Message: z.string().optional(), PhoneNumber: z.string().optional() }),
      )
      .optional(),
    RequestId: z.string().optional(),
  }),
});

/**
 * Codes that another try cannot fix: an unapproved template or signature, a number that is wrong or on
 * the do-not-disturb list, content refused. LimitExceeded.*, RequestLimitExceeded, InternalError.*,
 * authentication (a key being rotated) and the unknown are tried again with backoff.
 */
const permanentCodes = [
  'FailedOperation.TemplateIncorrectOrUnapproved',
  'FailedOperation.SignatureIncorrectOrUnapproved',
  'FailedOperation.PhoneNumberInBlacklist',
  'FailedOperation.ContainSensitiveWord',
  'FailedOperation.TemplateParamSetNotMatchApprovedTemplate',
  'InvalidParameterValue.',
  'UnsupportedOperation.',
];
const isPermanent = (code: string) =>
  permanentCodes.some((prefix) => (prefix.endsWith('.') ? code.startsWith(prefix) : code === prefix));

function paramValue(source: string, data: NotificationData): string {
  return source.startsWith('=') ? source.slice(1) : String(data[source] ?? '');
}

/** A Tencent Cloud SMS account: the credentials, the approved signature and where to send. */
export interface TencentSmsAccount {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  endpoint: string;
  region: string;
  clock: Clock;
  timeoutMs?: number;
}

/**
 * One `SendSms` of an approved template to a mainland mobile, signed with TC3-HMAC-SHA256: sent, refused
 * for good (see `permanentCodes`) or failed for now.
 */
export async function sendTencentSms(
  account: TencentSmsAccount,
  sms: { phone: string; templateId: string; params: string[]; sessionContext: string },
): Promise<ChannelOutcome> {
  const endpoint = new URL(account.endpoint);
  const payload = JSON.stringify({
    PhoneNumberSet: [`+86${sms.phone}`],
    SmsSdkAppId: account.sdkAppId,
    SignName: account.signName,
    TemplateId: sms.templateId,
    TemplateParamSet: sms.params,
    SessionContext: sms.sessionContext,
  });
  const timestamp = Math.floor(account.clock.now().getTime() / 1000);
  const authorization = tc3Authorization({
    secretId: account.secretId,
    secretKey: account.secretKey,
    service: 'sms',
    host: endpoint.host,
    action: 'SendSms',
    timestamp,
    payload,
  });
  const answer = await requestJson(endpoint, {
    method: 'POST',
    headers: {
      Authorization: authorization,
      'Content-Type': tc3ContentType,
      Host: endpoint.host,
      'X-TC-Action': 'SendSms',
      'X-TC-Version': smsApiVersion,
      'X-TC-Timestamp': String(timestamp),
      'X-TC-Region': account.region,
    },
    body: payload,
    timeoutMs: account.timeoutMs ?? 5000,
  });
  if (!answer.ok) return { outcome: 'failed', error: answer.error };
  const parsed = sendSmsAnswer.safeParse(answer.body);
  if (!parsed.success) return { outcome: 'failed', error: `unexpected answer (HTTP ${answer.status})` };
  const { Error: failure, SendStatusSet: statuses } = parsed.data.Response;
  if (failure) {
    const error = `${failure.Code} ${failure.Message ?? ''}`.trim();
    return isPermanent(failure.Code) ? { outcome: 'refused', error } : { outcome: 'failed', error };
  }
  const status = statuses?.[0];
  if (!status) return { outcome: 'failed', error: 'no SendStatusSet' };
  if (status.Code === 'Ok') return { outcome: 'sent' };
  const error = `${status.Code} ${status.Message ?? ''}`.trim();
  return isPermanent(status.Code) ? { outcome: 'refused', error } : { outcome: 'failed', error };
}

/**
 * Tencent Cloud SMS (API 3.0 `SendSms`, 2021-01-11) for must-not-miss notifications to recipients with
 * a mainland mobile, for templates mapped in TENCENT_SMS_TEMPLATES; signed with TC3-HMAC-SHA256.
 */
export function tencentSmsChannel(
  options: TencentSmsAccount & { templates: SmsTemplateMap },
): DeliveryChannel {
  return {
    name: 'sms',
    considers: (message) => message.spec.mustNotMiss && options.templates[message.template] !== undefined,
    appliesTo: (recipient, message) =>
      message.spec.mustNotMiss &&
      recipient.phone !== null &&
      options.templates[message.template] !== undefined,

    async deliver(recipient, message): Promise<ChannelOutcome> {
      const template = options.templates[message.template];
      if (!template || !recipient.phone) return { outcome: 'refused', error: 'not mapped' };
      return sendTencentSms(options, {
        phone: recipient.phone,
        templateId: template.id,
        params: template.params.map((source) => paramValue(source, message.data)),
        sessionContext: message.notificationId,
      });
    },
  };
}
