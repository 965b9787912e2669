import type { Redis } from 'ioredis';
import type { Config } from '../../config';
import type { Clock } from '../../infra/clock';
import type { Logger } from '../../infra/logger';
import type { DeliveryChannel } from './channels/deliveryChannel';
import { tencentSmsChannel } from './channels/tencentSmsChannel';
import { wechatSubscribeChannel } from './channels/wechatSubscribeChannel';
import { wecomChannel } from './channels/wecomChannel';

/**
 * The push channels the configuration turns on (unset = off), logging one line per channel at
 * start-up saying on or off and why.
 */
export function notificationChannelsFrom(
  config: Config,
  deps: { redis: Redis; clock: Clock; logger: Logger },
): DeliveryChannel[] {
  const channels: DeliveryChannel[] = [];
  const report = (channel: string, on: boolean, detail: string) =>
    deps.logger.info({ channel, on }, `notification channel ${channel} ${on ? 'on' : 'off'}: ${detail}`);

  if (config.WECHAT_APPID && config.WECHAT_SECRET) {
    const templates = config.WECHAT_TEMPLATES ?? {};
    channels.push(
      wechatSubscribeChannel({
        appId: config.WECHAT_APPID,
        secret: config.WECHAT_SECRET,
        apiBase: config.WECHAT_API_BASE,
        templates,
        miniprogramState: config.WECHAT_MINIPROGRAM_STATE,
        redis: deps.redis,
      }),
    );
    report('wechat', true, `${Object.keys(templates).length} templates mapped (WECHAT_TEMPLATES)`);
  } else {
    report('wechat', false, 'WECHAT_APPID and WECHAT_SECRET are not set');
  }

  if (config.WECOM_CORP_ID && config.WECOM_CORP_SECRET && config.WECOM_AGENT_ID && config.ADMIN_PUBLIC_URL) {
    channels.push(
      wecomChannel({
        corpId: config.WECOM_CORP_ID,
        corpSecret: config.WECOM_CORP_SECRET,
        agentId: config.WECOM_AGENT_ID,
        apiBase: config.WECOM_API_BASE,
        adminUrl: config.ADMIN_PUBLIC_URL,
        redis: deps.redis,
      }),
    );
    report('wecom', true, `agent ${config.WECOM_AGENT_ID}, links to ${config.ADMIN_PUBLIC_URL}`);
  } else {
    report('wecom', false, 'WECOM_CORP_ID, WECOM_CORP_SECRET and WECOM_AGENT_ID are not set');
  }

  const smsTemplates = config.TENCENT_SMS_TEMPLATES ?? {};
  if (
    config.TENCENT_SMS_SECRET_ID &&
    config.TENCENT_SMS_SECRET_KEY &&
    config.TENCENT_SMS_SDK_APP_ID &&
    config.TENCENT_SMS_SIGN_NAME
  ) {
    channels.push(
      tencentSmsChannel({
        secretId: config.TENCENT_SMS_SECRET_ID,
        secretKey: config.TENCENT_SMS_SECRET_KEY,
        sdkAppId: config.TENCENT_SMS_SDK_APP_ID,
        signName: config.TENCENT_SMS_SIGN_NAME,
        templates: smsTemplates,
        endpoint: config.TENCENT_SMS_ENDPOINT,
        region: config.TENCENT_SMS_REGION,
        clock: deps.clock,
      }),
    );
    const count = Object.keys(smsTemplates).length;
    report(
      'sms',
      true,
      `${count} templates mapped (TENCENT_SMS_TEMPLATES)${count ? '' : ': nothing will be sent'}`,
    );
  } else {
    report('sms', false, 'TENCENT_SMS_SECRET_ID, _SECRET_KEY, _SDK_APP_ID and _SIGN_NAME are not set');
  }
  return channels;
}
