import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import pino from 'pino';
import { loadConfig } from '../../config';
import { ManualClock } from '../../infra/clock';
import { notificationChannelsFrom } from './notificationChannels';

const base = {
  MONGODB_URI: 'mongodb://127.0.0.1:27017/',
  REDIS_URL: 'redis://127.0.0.1:6379',
  MQTT_URL: 'mqtt://127.0.0.1:1883',
  JWT_SECRET: 'x'.repeat(32),
};

/** The channels for an environment, with the start-up lines they logged. */
function channelsFor(env: Record<string, string>) {
  const lines: Array<{ channel: string; on: boolean; msg: string }> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as (typeof lines)[number]);
      done();
    },
  });
  // Never connected: building the channels talks to nothing.
  const redis = new Redis({ lazyConnect: true });
  const channels = notificationChannelsFrom(loadConfig({ ...base, ...env }), {
    redis,
    clock: new ManualClock(),
    logger: pino({ level: 'info' }, sink),
  });
  redis.disconnect();
  return { names: channels.map((channel) => channel.name), lines };
}

describe('notificationChannelsFrom', () => {
  it('turns every channel off without configuration, saying why, one line each', () => {
    const { names, lines } = channelsFor({});
    expect(names).toEqual([]);
    expect(lines.map((line) => [line.channel, line.on])).toEqual([
      ['wechat', false],
      ['wecom', false],
      ['sms', false],
    ]);
    expect(lines[1]?.msg).toBe(
      'notification channel wecom off: WECOM_CORP_ID, WECOM_CORP_SECRET and WECOM_AGENT_ID are not set',
    );
  });

  it('turns on what is configured', () => {
    const { names, lines } = channelsFor({
      WECHAT_APPID: 'wx',
      WECHAT_SECRET: 's',
      WECOM_CORP_ID: 'ww',
      WECOM_CORP_SECRET: 's',
      WECOM_AGENT_ID: '1000002',
      ADMIN_PUBLIC_URL: 'https://jiefang.example.cn/admin',
      TENCENT_SMS_SECRET_ID: 'AKID',
      TENCENT_SMS_SECRET_KEY: 'k',
      TENCENT_SMS_SDK_APP_ID: '1400000001',
      TENCENT_SMS_SIGN_NAME: '街坊',
      TENCENT_SMS_TEMPLATES: JSON.stringify({ smoke_alarm: { id: '3001', params: [] } }),
    });
    expect(names).toEqual(['wechat', 'wecom', 'sms']);
    expect(lines.every((line) => line.on)).toBe(true);
    expect(lines[2]?.msg).toBe('notification channel sms on: 1 templates mapped (TENCENT_SMS_TEMPLATES)');
  });
});
