import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { waitForPort } from '@jiefang/dev-services';

/** A service the chaos run can kill with SIGKILL and start again on the same port and data. */
export interface RestartableProcess {
  readonly name: string;
  readonly port: number;
  readonly running: boolean;
  start(): Promise<void>;
  /** SIGKILL: no chance to flush, close or say goodbye. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export interface ProcessSpec {
  name: string;
  port: number;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  logFile: string;
  /** Called with each line the process writes to stdout (the log file gets them too). */
  onLine?: (line: string) => void;
  readyTimeoutMs?: number;
  /**
   * Like a supervisor (systemd `Restart=always`): when the process exits by itself, start it again after
   * `restartDelayMs` and tell `onRestart`.
   */
  supervise?: { restartDelayMs: number; onRestart: (exitCode: number | null) => void };
}

export function restartableProcess(spec: ProcessSpec): RestartableProcess {
  let child: ChildProcess | null = null;
  /** The processes this harness ended itself (kill, stop): their exits are not restarted. */
  const ended = new WeakSet<ChildProcess>();
  const exited = (process: ChildProcess) =>
    process.exitCode !== null || process.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => process.once('exit', () => resolve()));

  /** Spawns the process and waits until it listens; rejects when it exits first. */
  const startOnce = async (deadline: number) => {
    const log = fs.createWriteStream(spec.logFile, { flags: 'a' });
    const started = spawn(spec.command, spec.args, {
      env: spec.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    let listening = false;
    let pending = '';
    started.stdout?.on('data', (chunk: Buffer) => {
      log.write(chunk);
      if (!spec.onLine) return;
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) spec.onLine(line);
    });
    started.stderr?.pipe(log, { end: false });
    started.once('exit', (code) => {
      if (pending && spec.onLine) spec.onLine(pending);
      if (child === started) child = null;
      log.end();
      // Exits while starting are retried by `start` itself.
      if (spec.supervise && listening && !ended.has(started)) {
        const { restartDelayMs, onRestart } = spec.supervise;
        setTimeout(() => {
          onRestart(code);
          void handle.start().catch(() => undefined);
        }, restartDelayMs);
      }
    });
    const died = exited(started).then(() => {
      throw new Error(`${spec.name} exited before listening on ${spec.port}; see ${spec.logFile}`);
    });
    died.catch(() => undefined);
    await Promise.race([
      waitForPort('127.0.0.1', spec.port, Math.max(1_000, deadline - Date.now()), spec.name),
      died,
    ]);
    listening = true;
  };

  const handle: RestartableProcess = {
    name: spec.name,
    port: spec.port,
    get running() {
      return child !== null;
    },
    async start() {
      if (child) return;
      const deadline = Date.now() + (spec.readyTimeoutMs ?? 30_000);
      for (;;) {
        try {
          await startOnce(deadline);
          return;
        } catch (error) {
          // A supervised process that dies while starting is started again, as its supervisor would.
          if (!spec.supervise || Date.now() >= deadline) throw error;
          spec.supervise.onRestart(null);
          await new Promise((resolve) => setTimeout(resolve, spec.supervise?.restartDelayMs));
        }
      }
    },
    async kill() {
      const current = child;
      if (!current) return;
      ended.add(current);
      current.kill('SIGKILL');
      await exited(current);
    },
    async stop() {
      const current = child;
      if (!current) return;
      ended.add(current);
      current.kill('SIGTERM');
      const timer = setTimeout(() => current.kill('SIGKILL'), 10_000);
      await exited(current);
      clearTimeout(timer);
    },
  };
  return handle;
}
