// The device side of the ingest benchmark, in its own process so its CPU does not count against the
// BFF: many devices, each on its own connection and account, publishing QoS 1 at a steady total rate.
import mqtt, { type MqttClient } from 'mqtt';

interface Job {
  url: string;
  meters: Array<{ id: string; secret: string }>;
  detectors: Array<{ id: string; secret: string }>;
  ratePerSecond: number;
  seconds: number;
  /** First seq; each phase starts above the last, so the bridge never sees a seq twice. */
  seqStart: number;
  /** Send one charging detection to a fresh detector this often, ms (0: none). */
  eventEveryMs: number;
}

const job = JSON.parse(process.argv[2] ?? '{}') as Job;

async function connectAll(devices: Array<{ id: string; secret: string }>): Promise<MqttClient[]> {
  return Promise.all(
    devices.map((device) =>
      mqtt.connectAsync(job.url, {
        clientId: device.id,
        username: device.id,
        password: device.secret,
        reconnectPeriod: 0,
        clean: true,
      }),
    ),
  );
}

async function main() {
  const meters = await connectAll(job.meters);
  const detectors = await connectAll(job.detectors);
  let seq = job.seqStart;
  let sent = 0;
  let acknowledged = 0;
  const events: Array<{ deviceId: string; ts: number; seq: number; sentAt: number }> = [];
  const tickMs = 10;
  const perTick = job.ratePerSecond / (1000 / tickMs);
  const started = Date.now();
  let owed = 0;
  let meterIndex = 0;
  let detectorIndex = 0;
  let lastEvent = started;

  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = Date.now();
      if (now - started >= job.seconds * 1000) {
        clearInterval(timer);
        resolve();
        return;
      }
      owed += perTick;
      for (; owed >= 1; owed -= 1) {
        const index = meterIndex % meters.length;
        meterIndex += 1;
        seq += 1;
        const client = meters[index] as MqttClient;
        const id = job.meters[index]?.id as string;
        client.publish(
          `devices/${id}/telemetry`,
          JSON.stringify({ ts: now, seq, leq: 45 + (seq % 7) }),
          { qos: 1 },
          () => {
            acknowledged += 1;
          },
        );
        sent += 1;
      }
      if (job.eventEveryMs && now - lastEvent >= job.eventEveryMs && detectorIndex < detectors.length) {
        lastEvent = now;
        const client = detectors[detectorIndex] as MqttClient;
        const id = job.detectors[detectorIndex]?.id as string;
        detectorIndex += 1;
        seq += 1;
        events.push({ deviceId: id, ts: now, seq, sentAt: Date.now() });
        client.publish(
          `devices/${id}/event`,
          JSON.stringify({ ts: now, seq, type: 'charging_detected', confidence: 0.95 }),
          { qos: 1 },
        );
      }
    }, tickMs);
  });
  const publishMs = Date.now() - started;
  // Wait for the broker's acknowledgements, so "sent" means "accepted by the broker".
  const deadline = Date.now() + 30_000;
  while (acknowledged < sent && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50));
  await Promise.all([...meters, ...detectors].map((client) => client.endAsync()));
  process.stdout.write(JSON.stringify({ sent, acknowledged, publishMs, events, lastSeq: seq }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
