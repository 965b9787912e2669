// The load generator of reportIntake.bench.ts, in a process of its own so its CPU is not the server's.
import { categoryCodes } from '@jiefang/contracts';
import { sitesInside } from './benchSites';
import { runLoad, runOpenLoad } from './loadDriver';

interface ClientJob {
  /** baseline: the bare endpoint; reports: JSON naming photos uploaded before; multipart: the photo sent along. */
  mode: 'baseline' | 'reports' | 'multipart';
  url: string;
  /** The BFF's origin, for the photo uploads that precede JSON reports. */
  base: string;
  tokens: string[];
  photoBase64: string;
  runId: string;
  durationMs: number;
  concurrency: number;
  /** JSON mode: photos uploaded per resident before the timed phase. */
  uploadsPerResident: number;
  /** Open loop at this rate instead of `concurrency` clients back to back. */
  ratePerSecond?: number;
}

// Every category a resident reports with a photo (fire hazards and indoor charging come from devices too).
const categories = categoryCodes.filter((code) => code !== 'fire_hazard' && code !== 'ebike_indoor_charging');

async function main() {
  const job = JSON.parse(process.argv[2] ?? '{}') as ClientJob;
  const photo = Buffer.from(job.photoBase64, 'base64');
  const assignLatenciesMs: number[] = [];
  let queued = 0;

  // Over the whole district, each phase its own points: most reports are new, some join a ticket nearby.
  const sites = sitesInside(
    20_000,
    [...job.runId].reduce((sum, c) => sum * 31 + c.charCodeAt(0), 7),
  );
  const fieldsOf = (sequence: number) => ({
    category: categories[sequence % categories.length] as string,
    ...sites[sequence % sites.length],
    address: '压测地址',
    description: '压测上报',
  });
  const outcomes: Record<string, number> = {};
  const uploadOne = async (token: string): Promise<string> => {
    const form = new FormData();
    form.append('photos', new Blob([photo], { type: 'image/png' }), 'p.png');
    const response = await fetch(`${job.base}/api/photos`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: form,
    });
    if (response.status !== 201) throw new Error(`upload answered ${response.status}`);
    return ((await response.json()) as { id: string }).id;
  };
  const uploaded = new Map<string, string[]>();
  let uploadSeconds = 0;
  if (job.mode === 'reports') {
    const started = performance.now();
    await Promise.all(
      job.tokens.map(async (token) => {
        const ids: string[] = [];
        for (let index = 0; index < job.uploadsPerResident; index += 1) ids.push(await uploadOne(token));
        uploaded.set(token, ids);
      }),
    );
    uploadSeconds = (performance.now() - started) / 1000;
  }

  const record = async (response: Response) => {
    const body = (await response.json()) as { status?: string; outcome?: string };
    const outcome = body.outcome ?? `http_${response.status}`;
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    return { ok: response.status === 201, status: body.status };
  };
  const submit = async (sequence: number, send: () => Promise<Response>) => {
    const begin = performance.now();
    const { ok, status } = await record(await send());
    if (status === 'assigned') assignLatenciesMs.push(performance.now() - begin);
    if (status === 'dispatch_queue') queued += 1;
    return ok;
  };
  const headersFor = (sequence: number) => ({
    Authorization: `Bearer ${job.tokens[sequence % job.tokens.length]}`,
    'Idempotency-Key': `bench-${job.mode}-${job.runId}-${sequence}`,
  });

  const send = {
    baseline: async () =>
      (
        await fetch(job.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ hello: 'world' }),
        })
      ).ok,
    reports: (sequence: number) =>
      submit(sequence, () => {
        const token = job.tokens[sequence % job.tokens.length] as string;
        const photoId = uploaded.get(token)?.pop();
        if (!photoId) throw new Error('the bench ran out of uploaded photos: raise uploadsPerResident');
        return fetch(job.url, {
          method: 'POST',
          headers: { ...headersFor(sequence), 'Content-Type': 'application/json' },
          body: JSON.stringify({ ...fieldsOf(sequence), photoIds: [photoId] }),
        });
      }),
    multipart: (sequence: number) =>
      submit(sequence, () => {
        const form = new FormData();
        for (const [name, value] of Object.entries(fieldsOf(sequence))) form.set(name, String(value));
        form.append('photos', new Blob([photo], { type: 'image/png' }), 'p.png');
        return fetch(job.url, { method: 'POST', headers: headersFor(sequence), body: form });
      }),
  }[job.mode];

  const result = job.ratePerSecond
    ? await runOpenLoad(send, { ratePerSecond: job.ratePerSecond, durationMs: job.durationMs })
    : await runLoad(send, {
        concurrency: job.concurrency,
        durationMs: job.durationMs,
        // A JSON report takes its photo: the phase ends early rather than run out of them.
        ...(job.mode === 'reports' ? { maxRequests: job.uploadsPerResident * job.tokens.length } : {}),
      });
  process.stdout.write(JSON.stringify({ ...result, assignLatenciesMs, queued, uploadSeconds, outcomes }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
