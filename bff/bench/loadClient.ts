// The load generator of reportIntake.bench.ts, in a process of its own so its CPU is not the server's.
import { runLoad } from './loadDriver';

interface ClientJob {
  mode: 'baseline' | 'reports';
  url: string;
  tokens: string[];
  photoBase64: string;
  runId: string;
  durationMs: number;
  concurrency: number;
}

const categories = ['street_vending', 'garbage', 'illegal_parking', 'noise', 'oil_fume', 'other'];

async function main() {
  const job = JSON.parse(process.argv[2] ?? '{}') as ClientJob;
  const photo = Buffer.from(job.photoBase64, 'base64');
  const assignLatenciesMs: number[] = [];
  let queued = 0;

  const send =
    job.mode === 'baseline'
      ? async () =>
          (
            await fetch(job.url, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ hello: 'world' }),
            })
          ).ok
      : async (sequence: number) => {
          const form = new FormData();
          // Spread reports over 赤岗街道 so few merge into earlier tickets.
          form.set('category', categories[sequence % categories.length] as string);
          form.set('lat', String(23.097 + ((sequence * 7919) % 170) / 10_000));
          form.set('lng', String(113.302 + ((sequence * 104729) % 360) / 10_000));
          form.set('address', '压测地址');
          form.set('description', '压测上报');
          form.append('photos', new Blob([photo], { type: 'image/png' }), 'p.png');
          const begin = performance.now();
          const response = await fetch(job.url, {
            method: 'POST',
            headers: {
              Authorization: `Bearer ${job.tokens[sequence % job.tokens.length]}`,
              'Idempotency-Key': `bench-${job.runId}-${sequence}`,
            },
            body: form,
          });
          const body = (await response.json()) as { status?: string };
          if (body.status === 'assigned') assignLatenciesMs.push(performance.now() - begin);
          if (body.status === 'dispatch_queue') queued += 1;
          return response.status === 201;
        };

  const result = await runLoad(send, { concurrency: job.concurrency, durationMs: job.durationMs });
  process.stdout.write(JSON.stringify({ ...result, assignLatenciesMs, queued }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
