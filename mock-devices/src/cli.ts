/**
 * Entry point: `npm run devices -- --noise 20 --charging 200 --smoke 20 --duration 60`.
 * Parses the arguments, wires mqtt.js, the system clock, the terminal and the signals into `runSimulator`.
 */
import { connect } from 'mqtt';
import { parseCliArgs } from './args';
import { systemClock } from './clock';
import { CredentialsError } from './credentials';
import { formatSummary } from './fleet';
import type { Logger } from './logger';
import { runSimulator } from './run';

const time = (): string => new Date().toISOString().slice(11, 19);

const terminalLogger: Logger = {
  info: (message) => console.log(`${time()} ${message}`),
  warn: (message) => console.warn(`${time()} warning: ${message}`),
  error: (message) => console.error(`${time()} error: ${message}`),
};

/** Resolves on the first SIGINT/SIGTERM (or when the parent's IPC channel closes); a second signal exits at once. */
function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    let received = 0;
    const onSignal = (signal: NodeJS.Signals): void => {
      received += 1;
      if (received > 1) {
        console.error(`${time()} ${signal} again: exiting without a clean disconnect`);
        process.exit(130);
      }
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    // Started by `npm start` with an IPC channel: when the launcher dies, even by SIGKILL, stop too.
    process.once('disconnect', () => resolve('launcher gone'));
  });
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseCliArgs(argv);
  if (parsed.kind === 'help') {
    console.log(parsed.text);
    return 0;
  }
  if (parsed.kind === 'error') {
    console.error(parsed.message);
    return 2;
  }
  try {
    const result = await runSimulator(parsed.options, {
      connect,
      clock: systemClock,
      logger: terminalLogger,
      stopRequested: stopSignal(),
      // `npm run -w` runs in the workspace folder; INIT_CWD is where the person typed the command.
      cwd: process.env.INIT_CWD ?? process.cwd(),
    });
    console.log(formatSummary(result.summary, result.elapsedMs));
    return result.exitCode;
  } catch (error) {
    if (error instanceof CredentialsError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Everything is closed by now; if a stray handle keeps the loop alive, do not hang the terminal.
    setTimeout(() => process.exit(code), 2_000).unref();
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
