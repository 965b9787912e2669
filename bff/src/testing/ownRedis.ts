import os from 'node:os';
import path from 'node:path';
import {
  findExecutable,
  startManagedProcess,
  type ManagedProcess,
  freePort,
  waitForPort,
} from '@jiefang/dev-services';

export interface OwnRedis {
  url: string;
  /** SIGKILL, as a crash: nothing is saved (this Redis keeps nothing on disk anyway). */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A redis-server of the test's own on a free port, so killing it leaves the shared one alone. */
export async function startOwnRedis(): Promise<OwnRedis> {
  const binary = findExecutable('redis-server', ['/usr/bin/redis-server']);
  if (!binary) throw new Error('redis-server is needed for this test (apt-get install redis-server)');
  const port = await freePort();
  let server: ManagedProcess;
  const start = async () => {
    server = startManagedProcess(
      'redis-server',
      binary,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      path.join(os.tmpdir(), `jiefang-redis-${port}.log`),
    );
    await waitForPort('127.0.0.1', port, 5000, 'redis-server');
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    async kill() {
      const exited = new Promise((resolve) => server.child.once('exit', resolve));
      server.child.kill('SIGKILL');
      await exited;
    },
    restart: start,
    stop: () => server.stop(),
  };
}
