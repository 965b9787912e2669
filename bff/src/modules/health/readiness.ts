import type { DependencyCheck, DependencyName, Readiness } from '@jiefang/contracts';

export type DependencyProbe = () => Promise<void>;

/**
 * Runs every probe at once, each bounded by the timeout, and reports each dependency by name; with
 * every dependency up, `starting` until the start-up work is done.
 */
export async function checkReadiness(
  probes: Record<DependencyName, DependencyProbe>,
  timeoutMs = 1500,
  starting: () => boolean = () => false,
): Promise<Readiness> {
  const names = Object.keys(probes) as DependencyName[];
  const results = await Promise.all(names.map((name) => timed(probes[name], timeoutMs)));
  const checks = Object.fromEntries(names.map((name, index) => [name, results[index]])) as Record<
    DependencyName,
    DependencyCheck
  >;
  const status = !results.every((result) => result?.ok) ? 'unavailable' : starting() ? 'starting' : 'ready';
  return { status, checks };
}

async function timed(probe: DependencyProbe, timeoutMs: number): Promise<DependencyCheck> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
