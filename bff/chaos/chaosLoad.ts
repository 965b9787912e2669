import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import sharp from 'sharp';
import { callApi, untilAcknowledged } from './chaosApi';

const streets = [
  { name: '赤岗街道', lat: 23.1066, lng: 113.3245 },
  { name: '江南中街道', lat: 23.108, lng: 113.27 },
  { name: '华洲街道', lat: 23.093, lng: 113.352 },
  { name: '南石头街道', lat: 23.094, lng: 113.252 },
];
const categories = ['street_vending', 'garbage', 'road_damage', 'manhole_cover', 'illegal_parking'];

export interface ReportOutcome {
  residentId: string;
  key: string;
  ticketId: string | null;
  /** When the acknowledgement came (ms since the epoch), to line it up with the kills and the logs. */
  answeredAt: number | null;
  /** The answering status: 201 created, 200 replayed or joined. */
  status: number | null;
}

export interface DeviceOutcome {
  deviceId: string;
  published: number;
  acknowledged: number;
}

async function signIn(
  apiUrl: string,
  role: string,
  name: string,
  street?: string,
  deadline = Date.now() + 60_000,
) {
  const response = await untilAcknowledged(
    () =>
      callApi(apiUrl, 'POST', '/api/auth/dev-login', { body: { role, name, ...(street ? { street } : {}) } }),
    deadline,
  );
  if (!response) throw new Error(`could not sign in as ${role}`);
  const body = response.body as { token: string; user: { id: string } };
  return { token: body.token, userId: body.user.id };
}

/** Residents filing reports at a steady rate, each retried with its key until acknowledged. */
export async function reportLoad(options: {
  apiUrl: string;
  residents: number;
  perSecond: number;
  durationMs: number;
  retryUntil: number;
}): Promise<ReportOutcome[]> {
  const residents = await Promise.all(
    Array.from({ length: options.residents }, (_, index) =>
      signIn(options.apiUrl, 'resident', `混沌居民${index}`),
    ),
  );
  const outcomes: Promise<ReportOutcome>[] = [];
  const started = Date.now();
  for (let index = 0; Date.now() - started < options.durationMs; index += 1) {
    const resident = residents[index % residents.length]!;
    const street = streets[index % streets.length]!;
    const key = randomUUID();
    // Spread over about 600 m so most reports open tickets of their own.
    const body = {
      category: categories[index % categories.length],
      description: `混沌测试第 ${index} 条`,
      lat: street.lat + (Math.random() - 0.5) * 0.006,
      lng: street.lng + (Math.random() - 0.5) * 0.006,
    };
    outcomes.push(
      fileReport(options.apiUrl, resident.token, key, body, options.retryUntil).then((answer) => ({
        residentId: resident.userId,
        key,
        ticketId: answer?.ticketId ?? null,
        answeredAt: answer?.at ?? null,
        status: answer?.status ?? null,
      })),
    );
    await new Promise((resolve) => setTimeout(resolve, 1000 / options.perSecond));
  }
  return Promise.all(outcomes);
}

/**
 * Uploads a photo and files the report naming it, as the mini-program does: the same key on every retry,
 * a new upload when the report no longer finds the photo. Returns the answer, or null past the deadline.
 */
async function fileReport(
  apiUrl: string,
  token: string,
  key: string,
  fields: Record<string, unknown>,
  deadline: number,
): Promise<{ ticketId: string; at: number; status: number } | null> {
  let photoId: string | null = null;
  let wait = 200;
  while (Date.now() < deadline) {
    try {
      photoId ??= await uploadPhoto(apiUrl, token);
      if (photoId) {
        const response = await callApi(apiUrl, 'POST', '/api/reports', {
          token,
          body: { ...fields, photoIds: [photoId] },
          headers: { 'Idempotency-Key': key },
        });
        if (response.status === 200 || response.status === 201)
          return { ticketId: (response.body as { id: string }).id, at: Date.now(), status: response.status };
        if (response.status === 422) photoId = null;
        else if (response.status < 500 && response.status !== 429 && response.status !== 409)
          throw new Error(
            `report refused with ${response.status}: ${JSON.stringify(response.body).slice(0, 200)}`,
          );
      }
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('report refused')) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
    wait = Math.min(wait * 2, 2_000);
  }
  return null;
}

let photoBytes: Promise<Buffer> | null = null;

async function uploadPhoto(apiUrl: string, token: string): Promise<string | null> {
  photoBytes ??= sharp({ create: { width: 8, height: 8, channels: 3, background: '#c33' } })
    .jpeg()
    .toBuffer();
  const form = new FormData();
  form.append('photos', new Blob([await photoBytes], { type: 'image/jpeg' }), 'street.jpg');
  const response = await fetch(`${apiUrl}/api/photos`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: form,
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status !== 201) return null;
  return ((await response.json()) as { id: string }).id;
}

/** Registers indoor-charging detectors, each publishing detections at QoS 1 and counting the PUBACKs. */
export async function deviceLoad(options: {
  apiUrl: string;
  mqttUrl: string;
  devices: number;
  intervalMs: number;
  durationMs: number;
  ackUntil: number;
}): Promise<DeviceOutcome[]> {
  const admin = await signIn(options.apiUrl, 'admin', '混沌管理员');
  const registered = await Promise.all(
    Array.from({ length: options.devices }, async (_, index) => {
      const street = streets[index % streets.length]!;
      const id = `chaos-charge-${index}-${randomUUID().slice(0, 6)}`;
      const response = await untilAcknowledged(
        () =>
          callApi(options.apiUrl, 'POST', '/api/devices', {
            token: admin.token,
            body: {
              id,
              type: 'charging_detector',
              street: street.name,
              lat: street.lat,
              lng: street.lng,
              householdId: `hh-${id}`,
            },
          }),
        Date.now() + 60_000,
      );
      if (!response) throw new Error(`could not register ${id}`);
      return { id, secret: (response.body as { secret: string }).secret };
    }),
  );
  return Promise.all(
    registered.map(async ({ id, secret }) => {
      const client: MqttClient = await mqtt.connectAsync(options.mqttUrl, {
        clientId: id,
        username: id,
        password: secret,
        clean: false,
        reconnectPeriod: 300,
        connectTimeout: 5_000,
      });
      client.on('error', () => undefined);
      const outcome: DeviceOutcome = { deviceId: id, published: 0, acknowledged: 0 };
      const pending: Promise<void>[] = [];
      const started = Date.now();
      for (let seq = 1; Date.now() - started < options.durationMs; seq += 1) {
        outcome.published += 1;
        const payload = JSON.stringify({ ts: Date.now(), seq, type: 'charging_detected', confidence: 0.95 });
        pending.push(
          withDeadline(
            client.publishAsync(`devices/${id}/event`, payload, { qos: 1 }),
            options.ackUntil,
          ).then((acknowledged) => {
            if (acknowledged) outcome.acknowledged += 1;
          }),
        );
        await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
      }
      await Promise.all(pending);
      await client.endAsync(true);
      return outcome;
    }),
  );
}

async function withDeadline(publish: Promise<unknown>, deadline: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([
      publish.then(
        () => true,
        () => false,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Staff who receive the SLA warnings and breaches, so those notifications have someone to reach. */
export async function signInRecipients(apiUrl: string): Promise<void> {
  await signIn(apiUrl, 'dispatcher', '混沌调度员');
  for (const street of streets) await signIn(apiUrl, 'squad_leader', `混沌中队长${street.name}`, street.name);
}
