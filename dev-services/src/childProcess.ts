import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

export interface ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/** Spawns a service binary with its output going to a log file; stop() sends SIGTERM, then SIGKILL. */
export function startManagedProcess(
  name: string,
  command: string,
  args: string[],
  logFile: string,
): ManagedProcess {
  const log = fs.openSync(logFile, 'a');
  const child = spawn(command, args, { stdio: ['ignore', log, log] });
  fs.closeSync(log);
  let exited = child.exitCode !== null;
  const exitedPromise = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
    child.once('error', () => {
      exited = true;
      resolve();
    });
  });
  return {
    name,
    child,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exitedPromise;
      clearTimeout(killTimer);
    },
  };
}

/** Finds an executable: each candidate path first, then the directories of the search path. */
export function findExecutable(
  name: string,
  candidates: string[],
  searchPath = process.env.PATH ?? '',
): string | null {
  for (const candidate of candidates) {
    if (candidate && isExecutable(candidate)) return candidate;
  }
  for (const dir of searchPath.split(':')) {
    if (!dir) continue;
    const full = `${dir}/${name}`;
    if (isExecutable(full)) return full;
  }
  return null;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
