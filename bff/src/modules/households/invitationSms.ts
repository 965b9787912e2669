import type { Config } from '../../config';
import type { Clock } from '../../infra/clock';
import { sendTencentSms } from '../notifications/channels/tencentSmsChannel';
import type { InvitationSms } from './householdRoutes';
import { invitationLifetimeMs } from './ownerInvitations';

/**
 * Owner invitations by Tencent Cloud SMS, when its credentials and TENCENT_SMS_INVITATION_TEMPLATE are
 * set (`{1}` the code, `{2}` the hours it is valid); null otherwise: staff pass the code on themselves.
 */
export function invitationSmsFrom(config: Config, clock: Clock): InvitationSms | null {
  const template = config.TENCENT_SMS_INVITATION_TEMPLATE;
  if (
    !template ||
    !config.TENCENT_SMS_SECRET_ID ||
    !config.TENCENT_SMS_SECRET_KEY ||
    !config.TENCENT_SMS_SDK_APP_ID ||
    !config.TENCENT_SMS_SIGN_NAME
  )
    return null;
  const account = {
    secretId: config.TENCENT_SMS_SECRET_ID,
    secretKey: config.TENCENT_SMS_SECRET_KEY,
    sdkAppId: config.TENCENT_SMS_SDK_APP_ID,
    signName: config.TENCENT_SMS_SIGN_NAME,
    endpoint: config.TENCENT_SMS_ENDPOINT,
    region: config.TENCENT_SMS_REGION,
    clock,
  };
  return async (phone, invitation) => {
    const outcome = await sendTencentSms(account, {
      phone,
      templateId: template,
      params: [invitation.code, String(Math.round(invitationLifetimeMs / 3_600_000))],
      sessionContext: `owner-invitation:${invitation.expiresAt.toISOString()}`,
    });
    return outcome.outcome === 'sent';
  };
}
