import { z } from 'zod';
import { notificationTemplateNames, scoringRuleSchema, type NotificationTemplate } from '@jiefang/contracts';
import { addressRule } from './http/clientAddress';
import { parseMapTiles } from './domain/mapTiles';

/**
 * How one of our notification templates maps onto a WeChat subscribe-message template: its id, the
 * mini-program page to open, and for each template field the notification data key to show (or
 * "=literal" for a fixed text).
 */
export const wechatTemplateMapSchema = z.record(
  z.string(),
  z.object({
    id: z.string().min(1),
    page: z.string().optional(),
    fields: z.record(z.string().regex(/^[a-z_]+\d+$/), z.string().min(1)),
  }),
);
export type WechatTemplateMap = z.infer<typeof wechatTemplateMapSchema>;

/**
 * How one of our notification templates maps onto an approved Tencent Cloud SMS template: its id and,
 * in order, the notification data key for each {n} parameter (or "=literal").
 */
export const smsTemplateMapSchema = z.partialRecord(
  z.enum(notificationTemplateNames as [NotificationTemplate, ...NotificationTemplate[]]),
  z.object({
    id: z.string().regex(/^\d+$/, 'a numeric template id'),
    params: z.array(z.string().min(1)).default([]),
  }),
);
export type SmsTemplateMap = z.infer<typeof smsTemplateMapSchema>;

/** A JSON object in an environment variable. */
const jsonObject = z.string().transform((value, context) => {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    context.addIssue({ code: 'custom', message: 'must be a JSON object' });
    return z.NEVER;
  }
});

const booleanFlag = z
  .enum(['0', '1', 'true', 'false'])
  .transform((value) => value === '1' || value === 'true');

const commaList = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URL'),
    MONGODB_DB: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,63}$/, 'Latin letters, digits, "_" or "-"')
      .default('jiefang'),
    REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL'),
    MQTT_URL: z
      .string()
      .regex(/^(mqtts?|wss?|tcp):\/\//, 'must be an mqtt://, mqtts://, ws:// or wss:// URL'),
    MQTT_USERNAME: z.string().optional(),
    MQTT_PASSWORD: z.string().optional(),
    /** The broker URL handed to devices at registration; defaults to MQTT_URL. */
    DEVICE_MQTT_URL: z
      .string()
      .regex(/^(mqtts?|wss?|tcp):\/\//, 'must be an mqtt://, mqtts://, ws:// or wss:// URL')
      .optional(),
    /**
     * `managed`: the BFF creates each device's broker account through Mosquitto's dynamic-security
     * API; `external`: accounts are applied to the broker by its operator (EMQX, managed brokers).
     */
    MQTT_DEVICE_ACCOUNTS: z.enum(['managed', 'external']).default('managed'),
    /** Stable name of this BFF instance: its MQTT sessions persist under it across restarts. */
    INSTANCE_ID: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/)
      .default('bff-1'),
    /** MQTT connections the bridge opens; each processes its share of the traffic in order. */
    BRIDGE_CONNECTIONS: z.coerce.number().int().min(1).max(16).default(2),
    /**
     * `exclusive`: one instance reads everything over plain subscriptions, one connection per lane.
     * `shared`: instances (and connections) split the devices' traffic through `$share/` subscriptions,
     * for several instances on a broker that restores shared subscriptions after a crash: Mosquitto
     * 2.0.11 restores them without routing to them and drops what it acknowledged to devices (docs/devices.md).
     */
    BRIDGE_SUBSCRIPTION: z.enum(['shared', 'exclusive']).default('exclusive'),
    /**
     * How long the broker keeps the bridge's sessions (and queues messages for them) after the
     * instance disconnects, seconds. Defaults to 7 days, and to 60 s under NODE_ENV=test: test and
     * benchmark apps each use a fresh instance and group, and sessions left queueing every device
     * message for days make the broker's state, and its periodic saves that stall all delivery, grow
     * run after run.
     */
    BRIDGE_SESSION_EXPIRY_SECONDS: z.coerce
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600)
      .optional(),
    /** Device streams are split into this many partitions, each processed by one instance at a time. */
    DEVICE_PARTITIONS: z.coerce.number().int().min(1).max(256).default(8),
    /** A `charging_detected` event opens an alarm only with at least this confidence. */
    CHARGING_CONFIDENCE_THRESHOLD: z.coerce.number().min(0).max(1).default(0.8),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
    JWT_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(30 * 24 * 3600)
      .default(8 * 3600),
    DEV_LOGIN: booleanFlag.default(false),
    WECHAT_APPID: z.string().optional(),
    WECHAT_SECRET: z.string().optional(),
    WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),
    WECHAT_TEMPLATES: jsonObject.pipe(wechatTemplateMapSchema).optional(),
    /** Which version of the mini-program a subscribe message opens. */
    WECHAT_MINIPROGRAM_STATE: z.enum(['developer', 'trial', 'formal']).default('formal'),
    /** 企业微信 application messages to staff: all three, or none (channel off). */
    WECOM_CORP_ID: z.string().min(1).optional(),
    WECOM_CORP_SECRET: z.string().min(1).optional(),
    WECOM_AGENT_ID: z.coerce.number().int().positive().optional(),
    WECOM_API_BASE: z.url().default('https://qyapi.weixin.qq.com'),
    /** Tencent Cloud SMS for must-not-miss notifications: the four credentials together, or none. */
    TENCENT_SMS_SECRET_ID: z.string().min(1).optional(),
    TENCENT_SMS_SECRET_KEY: z.string().min(1).optional(),
    TENCENT_SMS_SDK_APP_ID: z.string().min(1).optional(),
    TENCENT_SMS_SIGN_NAME: z.string().min(1).optional(),
    TENCENT_SMS_TEMPLATES: jsonObject.pipe(smsTemplateMapSchema).optional(),
    /**
     * The approved template of a household owner's invitation, `{1}` the 6-digit code and `{2}` the hours
     * it is valid; unset: staff pass the code on themselves.
     */
    TENCENT_SMS_INVITATION_TEMPLATE: z.string().regex(/^\d+$/, 'a numeric template id').optional(),
    TENCENT_SMS_ENDPOINT: z.url().default('https://sms.tencentcloudapi.com'),
    TENCENT_SMS_REGION: z
      .string()
      .regex(/^[a-z]+-[a-z]+$/, 'a region such as ap-guangzhou')
      .default('ap-guangzhou'),
    /** The admin panel's public address (e.g. https://jiefang.example.cn/admin): WeCom cards link to it. */
    ADMIN_PUBLIC_URL: z.url().optional(),
    CORS_ORIGINS: commaList.default([]),
    BODY_LIMIT_KB: z.coerce.number().int().min(1).max(10_240).default(100),
    /** Sign-in attempts one address may make on one account per window before 429. */
    LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
    /** Failed sign-ins one address may make across all accounts per window before 429. */
    LOGIN_ADDRESS_RATE_LIMIT: z.coerce.number().int().min(1).default(50),
    LOGIN_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(600),
    REPORT_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
    /**
     * Reverse geocoding of a report's map pin (the address field): Tencent's WebService or AMap's regeo, with
     * its key; none configured means residents type the address. The base URL is for a stand-in in tests.
     */
    GEOCODER: z.enum(['tencent', 'amap']).optional(),
    GEOCODER_KEY: z.string().min(1).optional(),
    GEOCODER_BASE_URL: z.url().optional(),
    /** Pin moves one resident may geocode per window (a drag ends in one request). */
    GEOCODE_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
    GEOCODE_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
    REPORT_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
    SLA_TIME_SCALE: z.coerce.number().positive().max(1).default(1),
    /** The ticket scoring rule of the monthly ranking (JSON; fields left out keep their defaults, docs/domain.md). */
    TICKET_SCORING_RULE: jsonObject.pipe(scoringRuleSchema.partial().strict()).optional(),
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:_-]{1,64}$/)
      .default('jiefang'),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /**
     * Map tiles for the admin panel and H5: none (the district's own outlines, the default), osm, amap,
     * tencent, or a JSON tile source (contracts' tileSourceSchema), e.g. tiles served on this network.
     */
    MAP_TILES: z
      .string()
      .optional()
      .transform((value, context) => {
        const parsed = parseMapTiles(value);
        if (parsed.ok) return { tiles: parsed.tiles, source: parsed.source };
        context.addIssue({ code: 'custom', message: parsed.message });
        return z.NEVER;
      }),
    ADMIN_DIST_DIR: z.string().optional(),
    H5_DIST_DIR: z.string().optional(),
    /** Proxies (IPs or CIDRs) whose X-Forwarded-For is believed; from anyone else it is ignored. */
    TRUSTED_PROXIES: commaList
      .refine((entries) => entries.every((entry) => addressRule(entry) !== null), {
        message: 'must be a comma-separated list of IP addresses or CIDR ranges',
      })
      .default([]),
    /** Replaced by TRUSTED_PROXIES; refused so an old setting is not silently ignored. */
    TRUST_PROXY: z.string().optional(),
  })
  .superRefine((config, context) => {
    if (config.NODE_ENV === 'production' && config.DEV_LOGIN) {
      context.addIssue({ code: 'custom', path: ['DEV_LOGIN'], message: 'must be off in production' });
    } else if (config.DEV_LOGIN && config.NODE_ENV !== 'test' && !isLoopbackHost(config.HOST)) {
      context.addIssue({
        code: 'custom',
        path: ['DEV_LOGIN'],
        message: `is allowed only while the BFF listens on a loopback address (HOST is ${config.HOST})`,
      });
    }
    if (config.TRUST_PROXY !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['TRUST_PROXY'],
        message: "is replaced by TRUSTED_PROXIES, the proxies' IP addresses or CIDR ranges",
      });
    }
    if (Boolean(config.WECHAT_APPID) !== Boolean(config.WECHAT_SECRET)) {
      context.addIssue({
        code: 'custom',
        path: [config.WECHAT_APPID ? 'WECHAT_SECRET' : 'WECHAT_APPID'],
        message: 'WECHAT_APPID and WECHAT_SECRET must be set together',
      });
    }
    /** Reports the missing ones when some but not all are set; true when all are. */
    const together = (names: Array<keyof typeof config>) => {
      const set = names.filter((name) => config[name] !== undefined);
      if (set.length && set.length < names.length) {
        for (const name of names.filter((item) => config[item] === undefined)) {
          context.addIssue({
            code: 'custom',
            path: [name],
            message: `${names.join(', ')} must be set together`,
          });
        }
      }
      return set.length === names.length;
    };
    if (together(['WECOM_CORP_ID', 'WECOM_CORP_SECRET', 'WECOM_AGENT_ID']) && !config.ADMIN_PUBLIC_URL) {
      context.addIssue({
        code: 'custom',
        path: ['ADMIN_PUBLIC_URL'],
        message: 'is needed with WECOM_CORP_ID: WeCom cards link to the admin panel',
      });
    }
    together(['GEOCODER', 'GEOCODER_KEY']);
    together([
      'TENCENT_SMS_SECRET_ID',
      'TENCENT_SMS_SECRET_KEY',
      'TENCENT_SMS_SDK_APP_ID',
      'TENCENT_SMS_SIGN_NAME',
    ]);
  });

export type Config = z.infer<typeof configSchema>;

/** 127.0.0.0/8, ::1 or localhost: reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly variables: Array<{ variable: string; message: string }>) {
    super(`Invalid configuration: ${variables.map((item) => `${item.variable} ${item.message}`).join('; ')}`);
  }
}

/** Reads and validates the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => ({
      variable: issue.path.join('.') || '(environment)',
      message: issue.message,
    })),
  );
}
