import { ConfigError, loadConfig } from './config';

const valid = {
  MONGODB_URI: 'mongodb://127.0.0.1:27017/',
  REDIS_URL: 'redis://127.0.0.1:6379',
  MQTT_URL: 'mqtt://127.0.0.1:1883',
  JWT_SECRET: 'x'.repeat(32),
};

function configErrorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies defaults to a minimal valid environment', () => {
    const config = loadConfig(valid);
    expect(config.PORT).toBe(3000);
    expect(config.DEV_LOGIN).toBe(false);
    expect(config.CORS_ORIGINS).toEqual([]);
  });

  it('names a missing variable', () => {
    const { MONGODB_URI: _omitted, ...rest } = valid;
    const error = configErrorOf(rest);
    expect(error.variables.map((item) => item.variable)).toEqual(['MONGODB_URI']);
    expect(error.message).toContain('MONGODB_URI');
  });

  it('names every malformed variable with the reason', () => {
    const error = configErrorOf({
      ...valid,
      PORT: 'eighty',
      JWT_SECRET: 'short',
      REDIS_URL: 'localhost:6379',
    });
    const named = Object.fromEntries(error.variables.map((item) => [item.variable, item.message]));
    expect(Object.keys(named).sort()).toEqual(['JWT_SECRET', 'PORT', 'REDIS_URL']);
    expect(named.JWT_SECRET).toMatch(/32/);
  });

  it('refuses the dev login in production', () => {
    const error = configErrorOf({ ...valid, NODE_ENV: 'production', DEV_LOGIN: '1' });
    expect(error.variables[0]?.variable).toBe('DEV_LOGIN');
  });

  it('allows the dev login only when asked for and while listening on a loopback address', () => {
    expect(loadConfig({ ...valid, HOST: '127.0.0.1', DEV_LOGIN: '1' }).DEV_LOGIN).toBe(true);
    expect(loadConfig({ ...valid, HOST: '::1', DEV_LOGIN: '1' }).DEV_LOGIN).toBe(true);
    for (const HOST of ['0.0.0.0', '192.168.1.20', '::']) {
      const error = configErrorOf({ ...valid, HOST, DEV_LOGIN: '1' });
      expect(error.variables[0]).toMatchObject({
        variable: 'DEV_LOGIN',
        message: expect.stringMatching(/loopback/),
      });
    }
  });

  it('reads trusted proxies as IPs or CIDRs and refuses the old TRUST_PROXY flag', () => {
    expect(
      loadConfig({ ...valid, TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.1, fd00::/8' }).TRUSTED_PROXIES,
    ).toEqual(['10.0.0.0/8', '192.0.2.1', 'fd00::/8']);
    expect(configErrorOf({ ...valid, TRUSTED_PROXIES: '10.0.0.0/33' }).variables[0]?.variable).toBe(
      'TRUSTED_PROXIES',
    );
    expect(configErrorOf({ ...valid, TRUSTED_PROXIES: 'proxy.local' }).variables[0]?.variable).toBe(
      'TRUSTED_PROXIES',
    );
    expect(configErrorOf({ ...valid, TRUST_PROXY: '1' }).variables[0]?.variable).toBe('TRUST_PROXY');
  });

  it('wants the WeChat app id and secret together', () => {
    const error = configErrorOf({ ...valid, WECHAT_APPID: 'wx123' });
    expect(error.variables[0]?.variable).toBe('WECHAT_SECRET');
  });

  it('wants the WeCom trio together, and the admin panel address for its links', () => {
    const partial = configErrorOf({ ...valid, WECOM_CORP_ID: 'ww1', WECOM_AGENT_ID: '1000002' });
    expect(partial.variables.map((item) => item.variable)).toEqual(['WECOM_CORP_SECRET']);
    const unlinked = configErrorOf({
      ...valid,
      WECOM_CORP_ID: 'ww1',
      WECOM_CORP_SECRET: 's',
      WECOM_AGENT_ID: '1000002',
    });
    expect(unlinked.variables.map((item) => item.variable)).toEqual(['ADMIN_PUBLIC_URL']);
    const config = loadConfig({
      ...valid,
      WECOM_CORP_ID: 'ww1',
      WECOM_CORP_SECRET: 's',
      WECOM_AGENT_ID: '1000002',
      ADMIN_PUBLIC_URL: 'https://jiefang.example.cn/admin',
    });
    expect(config.WECOM_AGENT_ID).toBe(1000002);
    expect(config.WECOM_API_BASE).toBe('https://qyapi.weixin.qq.com');
  });

  it('wants the Tencent SMS credentials together and templates of the catalogue', () => {
    const partial = configErrorOf({ ...valid, TENCENT_SMS_SECRET_ID: 'AKID', TENCENT_SMS_SECRET_KEY: 'k' });
    expect(partial.variables.map((item) => item.variable).sort()).toEqual([
      'TENCENT_SMS_SDK_APP_ID',
      'TENCENT_SMS_SIGN_NAME',
    ]);
    const unknown = configErrorOf({
      ...valid,
      TENCENT_SMS_TEMPLATES: JSON.stringify({ fire_drill: { id: '1', params: [] } }),
    });
    expect(unknown.variables[0]?.variable).toMatch(/^TENCENT_SMS_TEMPLATES/);
    const config = loadConfig({
      ...valid,
      TENCENT_SMS_TEMPLATES: JSON.stringify({ smoke_alarm: { id: '3001', params: ['site', '=119'] } }),
    });
    expect(config.TENCENT_SMS_TEMPLATES).toEqual({ smoke_alarm: { id: '3001', params: ['site', '=119'] } });
    expect(config.TENCENT_SMS_ENDPOINT).toBe('https://sms.tencentcloudapi.com');
    expect(config.TENCENT_SMS_REGION).toBe('ap-guangzhou');
  });

  it('splits the CORS allow-list', () => {
    expect(loadConfig({ ...valid, CORS_ORIGINS: 'http://a.test, http://b.test' }).CORS_ORIGINS).toEqual([
      'http://a.test',
      'http://b.test',
    ]);
  });
});
