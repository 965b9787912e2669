import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../..');

export interface RunningStack {
  baseUrl: string;
  demoPassword: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject()));
    });
  });
}

/**
 * Starts the stack exactly as `npm start` does (scripts/start.ts), on a free port and a database of
 * its own (without the simulated demo fleet unless asked), with `env` on top of this process's, and
 * waits until the BFF reports ready.
 */
export async function startStack(
  options: { demoDevices?: boolean; env?: Record<string, string> } = {},
): Promise<RunningStack> {
  for (const built of ['admin/dist/index.html', 'miniapp/dist/h5/index.html']) {
    if (!fs.existsSync(path.join(repoRoot, built))) {
      throw new Error(`${built} is missing: run \`npm run test:e2e\`, which builds the apps first`);
    }
  }
  const port = await freePort();
  const database = `e2e_${randomBytes(4).toString('hex')}`;
  const demoPassword = 'e2e-demo-password';
  const output: string[] = [];
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'scripts/start.ts')],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(port),
        MONGODB_DB: database,
        DEMO_PASSWORD: demoPassword,
        LOG_LEVEL: 'warn',
        // The demo fleet's device ids are the same in every stack: tests drive their own devices.
        DEMO_DEVICES: options.demoDevices ? '1' : '0',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the stack exited during start-up:\n${output.join('')}`);
    const ready = await fetch(`${baseUrl}/readyz`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`the stack was not ready within 90 s:\n${output.join('')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }

  return {
    baseUrl,
    demoPassword,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await exited;
      if (code !== 0) process.stderr.write(`stack exited with ${code}:\n${output.join('')}\n`);
      // The database stays behind only if the drop fails; it is named e2e_* to be recognisable.
      const { MongoClient } = await import('mongodb');
      const client = await MongoClient.connect(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/').catch(
        () => null,
      );
      await client
        ?.db(database)
        .dropDatabase()
        .catch(() => undefined);
      await client?.close();
    },
  };
}

/** One JSON call to a running stack's API. */
export async function stackApi(
  stack: RunningStack,
  method: string,
  route: string,
  token: string | null,
  body?: unknown,
) {
  const response = await fetch(`${stack.baseUrl}${route}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
