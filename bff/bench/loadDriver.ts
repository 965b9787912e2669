/** Closed-loop load: `concurrency` workers send requests back to back for `durationMs`. */
export interface LoadResult {
  completed: number;
  failed: number;
  seconds: number;
  latenciesMs: number[];
}

export async function runLoad(
  send: (sequence: number) => Promise<boolean>,
  options: { concurrency: number; durationMs: number; maxRequests?: number },
): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let failed = 0;
  let sequence = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const limit = options.maxRequests ?? Infinity;
  const worker = async () => {
    while (performance.now() < deadline && sequence < limit) {
      const begin = performance.now();
      const ok = await send(sequence++).catch(() => false);
      if (ok) latenciesMs.push(performance.now() - begin);
      else failed += 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return {
    completed: latenciesMs.length,
    failed,
    seconds: (performance.now() - started) / 1000,
    latenciesMs,
  };
}

/**
 * Open-loop load: requests start on a fixed schedule of `ratePerSecond` whatever the answers, and each
 * latency counts from its scheduled start, so a stall shows in the figures instead of slowing the load.
 */
export async function runOpenLoad(
  send: (sequence: number) => Promise<boolean>,
  options: { ratePerSecond: number; durationMs: number },
): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let failed = 0;
  const started = performance.now();
  const total = Math.floor((options.ratePerSecond * options.durationMs) / 1000);
  const inFlight: Array<Promise<void>> = [];
  for (let sequence = 0; sequence < total; sequence += 1) {
    const due = started + (sequence * 1000) / options.ratePerSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      send(sequence)
        .catch(() => false)
        .then((ok) => {
          if (ok) latenciesMs.push(performance.now() - due);
          else failed += 1;
        }),
    );
  }
  await Promise.all(inFlight);
  return {
    completed: latenciesMs.length,
    failed,
    seconds: (performance.now() - started) / 1000,
    latenciesMs,
  };
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

export function describeLoad(name: string, result: LoadResult): string {
  const rate = result.completed / result.seconds;
  return `${name.padEnd(34)} ${rate.toFixed(1).padStart(8)} req/s  p50 ${percentile(result.latenciesMs, 50).toFixed(1).padStart(6)} ms  p99 ${percentile(result.latenciesMs, 99).toFixed(1).padStart(7)} ms  ok ${result.completed}  failed ${result.failed}`;
}
