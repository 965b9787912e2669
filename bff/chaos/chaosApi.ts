/** A JSON client of the chaos stack's BFF that keeps trying while services are down. */
export interface ApiResponse {
  status: number;
  body: unknown;
}

export async function callApi(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Left as text.
  }
  return { status: response.status, body };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Repeats the call (same body, same headers, so the same Idempotency-Key) until it is answered with 2xx,
 * as a client whose user keeps pressing "retry" would; null when the deadline passes first.
 */
export async function untilAcknowledged(
  call: () => Promise<ApiResponse>,
  deadline: number,
): Promise<ApiResponse | null> {
  let wait = 200;
  while (Date.now() < deadline) {
    const response = await call().catch(() => null);
    if (response && response.status >= 200 && response.status < 300) return response;
    if (
      response &&
      response.status >= 400 &&
      response.status < 500 &&
      response.status !== 429 &&
      response.status !== 408
    )
      throw new Error(`refused with ${response.status}: ${JSON.stringify(response.body).slice(0, 200)}`);
    await pause(wait);
    wait = Math.min(wait * 2, 2_000);
  }
  return null;
}
