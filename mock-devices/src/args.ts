import { parseArgs } from 'node:util';
import { deviceTypes } from '@jiefang/contracts';
import { z } from 'zod';
import type { DeviceCounts } from './credentials';
import {
  defaultIgnoreWarnings,
  defaultSignalSettings,
  scenarioDescriptions,
  scenarios,
  type SignalSettings,
} from './scenario';

export interface SimulatorOptions {
  /** Devices per type; a type left out is 0, or "all of the file's" when every type is left out. */
  counts: Partial<DeviceCounts>;
  url: string;
  credentialsPath?: string;
  prefix?: string;
  heartbeatMs: number;
  keepaliveSec: number;
  sessionExpirySec: number;
  staggerMs: number;
  /** Absent: run until SIGINT/SIGTERM. */
  durationMs?: number;
  firmware: string;
  /** What the devices measure and report: scenario, telemetry interval, time scale, warning compliance. */
  signals: SignalSettings;
}

export type CliParseResult =
  | { kind: 'help'; text: string }
  | { kind: 'error'; message: string }
  | { kind: 'run'; options: SimulatorOptions };

export const defaultCounts: DeviceCounts = { noise_meter: 2, charging_detector: 10, smoke_detector: 2 };
export const defaultUrl = 'mqtt://127.0.0.1:1883';

export const usage = `Usage: npm run devices -- [options]
       npm run start -w @jiefang/mock-devices -- [options]

Connects simulated noise meters, charging detectors and smoke detectors to an MQTT broker, each on its own
connection with its own credentials, speaking the devices/{id}/… contract: status with Last Will, heartbeat,
command acks, noise readings on telemetry and detections on event.

Devices
  --noise <n>            noise meters                  (default ${defaultCounts.noise_meter} without --credentials)
  --charging <n>         indoor charging detectors     (default ${defaultCounts.charging_detector})
  --smoke <n>            smoke detectors               (default ${defaultCounts.smoke_detector})
  --credentials <file>   JSON [{ "id", "type", "secret" }] exported by the BFF's device registry; each device
                         logs in with username = id, password = secret. Without counts, every device in the
                         file runs; with counts, the first n of each type. Relative to the directory npm was
                         started from.
  --prefix <text>        prefix for generated ids (<prefix>-noise-0001); only without --credentials

Broker
  --url <url>            mqtt://, mqtts://, ws:// or wss:// URL   (default $MQTT_URL or ${defaultUrl})
  --keepalive <s>        MQTT keepalive                           (default 60)
  --session-expiry <s>   how long the broker keeps a device's session after a disconnect (default 3600)

Signals
  --scenario <name>      what the devices do                      (default normal)
${scenarios.map((name) => `                           ${name.padEnd(14)} ${scenarioDescriptions[name]}`).join('\n')}
  --interval-ms <ms>     noise meters' telemetry interval, 100–600000 (default ${defaultSignalSettings.intervalMs})
  --time-scale <k>       episodes and detections come k times as often and last 1/k as long, for demos;
                         the day/night background still follows the clock (default 1)
  --compliance <p>       probability that a play_warning command ends a loud episode (default ${defaultSignalSettings.compliance})
  --ignore-warnings <n>  warnings each loud episode ignores first (default 1 with noise-episode, so a demo shows
                         the escalation; else 0)

Behaviour
  --heartbeat <s>        interval of the status heartbeat         (default 30)
  --stagger <ms>         pause between two devices' first connect (default 10)
  --duration <s>         stop by itself after this long           (default: run until Ctrl-C)
  --firmware <text>      firmware string in the online status     (default sim-0.1.0)
  -h, --help             show this help

Examples
  npm run devices -- --noise 20 --charging 200 --smoke 20 --credentials ./devices.json --duration 60
  npm run devices -- --noise 1 --charging 0 --smoke 0 --scenario noise-episode --compliance 1
  npm run devices -- --time-scale 60   # 60× as many episodes and detections, each 1/60 as long`;

const flagOf: Record<string, string> = { noise: '--noise', charging: '--charging', smoke: '--smoke' };

const wholeNumber = (max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().max(max, `must be at most ${max}`));

const seconds = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a number of seconds')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const decimal = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const rawSchema = z
  .object({
    noise: wholeNumber(5_000).optional(),
    charging: wholeNumber(5_000).optional(),
    smoke: wholeNumber(5_000).optional(),
    url: z.url({
      protocol: /^(mqtts?|wss?|tcp)$/,
      error: 'must be an mqtt://, mqtts://, ws:// or wss:// URL',
    }),
    credentials: z.string().min(1, 'must be a file path').optional(),
    prefix: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1–40 letters, digits, "-" or "_"')
      .optional(),
    heartbeat: seconds(0.05, 86_400).default(30),
    keepalive: wholeNumber(65_535).pipe(z.number().min(1, 'must be at least 1')).default(60),
    'session-expiry': wholeNumber(4_294_967_295).default(3_600),
    stagger: wholeNumber(60_000).default(10),
    duration: seconds(0.1, 31 * 86_400).optional(),
    firmware: z.string().min(1).max(40, 'must be at most 40 characters').default('sim-0.1.0'),
    scenario: z.enum(scenarios, { error: `must be one of ${scenarios.join(', ')}` }).default('normal'),
    // The contract's bounds for intervalMs.
    'interval-ms': wholeNumber(600_000)
      .pipe(z.number().min(100, 'must be at least 100'))
      .default(defaultSignalSettings.intervalMs),
    'time-scale': decimal(0.01, 100_000).default(defaultSignalSettings.timeScale),
    compliance: decimal(0, 1).default(defaultSignalSettings.compliance),
    'ignore-warnings': wholeNumber(100).optional(),
  })
  .superRefine((raw, ctx) => {
    if (raw.prefix !== undefined && raw.credentials !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['prefix'],
        message: 'only applies to generated ids, not with --credentials',
      });
    }
    const given = [raw.noise, raw.charging, raw.smoke];
    const total = given.reduce<number>((sum, count) => sum + (count ?? 0), 0);
    if (given.some((count) => count !== undefined) && total === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['noise'],
        message: 'nothing to simulate: every device count is 0',
      });
    }
    if (total > 10_000) {
      ctx.addIssue({ code: 'custom', path: ['noise'], message: 'at most 10000 devices in one simulator' });
    }
  });

/** Parses and validates the command line (without `node` and the script), never printing or exiting. */
export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): CliParseResult {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        noise: { type: 'string' },
        charging: { type: 'string' },
        smoke: { type: 'string' },
        url: { type: 'string' },
        credentials: { type: 'string' },
        prefix: { type: 'string' },
        heartbeat: { type: 'string' },
        keepalive: { type: 'string' },
        'session-expiry': { type: 'string' },
        stagger: { type: 'string' },
        duration: { type: 'string' },
        firmware: { type: 'string' },
        scenario: { type: 'string' },
        'interval-ms': { type: 'string' },
        'time-scale': { type: 'string' },
        compliance: { type: 'string' },
        'ignore-warnings': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { kind: 'error', message: `${describeParseError(error as Error)}\nRun with --help for usage.` };
  }
  if (values.help) return { kind: 'help', text: usage };

  const { help: _help, ...rest } = values;
  const input: Record<string, unknown> = { ...rest, url: values.url ?? (env.MQTT_URL || defaultUrl) };
  const parsed = rawSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      const flag = flagOf[key] ?? `--${key}`;
      const value = input[key];
      const got = typeof value === 'string' && issue.code !== 'custom' ? ` (got "${value}")` : '';
      return `  ${flag}: ${issue.message}${got}`;
    });
    return { kind: 'error', message: `invalid arguments:\n${lines.join('\n')}\nRun with --help for usage.` };
  }

  const raw = parsed.data;
  const givenCounts: Partial<DeviceCounts> = {};
  if (raw.noise !== undefined) givenCounts.noise_meter = raw.noise;
  if (raw.charging !== undefined) givenCounts.charging_detector = raw.charging;
  if (raw.smoke !== undefined) givenCounts.smoke_detector = raw.smoke;
  const anyGiven = deviceTypes.some((type) => givenCounts[type] !== undefined);
  let counts: Partial<DeviceCounts> = givenCounts;
  if (raw.credentials === undefined) {
    counts = anyGiven
      ? Object.fromEntries(deviceTypes.map((type) => [type, givenCounts[type] ?? 0]))
      : { ...defaultCounts };
  }

  return {
    kind: 'run',
    options: {
      counts,
      url: raw.url,
      ...(raw.credentials === undefined ? {} : { credentialsPath: raw.credentials }),
      ...(raw.prefix === undefined ? {} : { prefix: raw.prefix }),
      heartbeatMs: Math.round(raw.heartbeat * 1000),
      keepaliveSec: raw.keepalive,
      sessionExpirySec: raw['session-expiry'],
      staggerMs: raw.stagger,
      ...(raw.duration === undefined ? {} : { durationMs: Math.round(raw.duration * 1000) }),
      firmware: raw.firmware,
      signals: {
        scenario: raw.scenario,
        intervalMs: raw['interval-ms'],
        timeScale: raw['time-scale'],
        compliance: raw.compliance,
        ignoreWarnings: raw['ignore-warnings'] ?? defaultIgnoreWarnings(raw.scenario),
      },
    },
  };
}

function describeParseError(error: Error): string {
  const unknown = /Unknown option '([^']+)'/.exec(error.message);
  if (unknown) return `unknown option ${unknown[1]}`;
  const missing = /Option '([^']+?)(?: <value>)?' argument missing/.exec(error.message);
  if (missing) return `option ${missing[1]} needs a value`;
  const ambiguous = /Option '([^']+)' argument is ambiguous/.exec(error.message);
  if (ambiguous) {
    return `option ${ambiguous[1]} needs a value, but the next word starts with "-" (write ${ambiguous[1]}=<value> if that is the value)`;
  }
  const positional = /Unexpected argument '([^']+)'/.exec(error.message);
  if (positional) return `unexpected argument "${positional[1]}" (options look like --noise 20)`;
  return error.message;
}
