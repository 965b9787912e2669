import { startLocalServices, type LocalServices } from '../launcher';

declare global {
  var jiefangServices: LocalServices | undefined;
}

/**
 * The services of this checkout, found or started once for the run, as `npm start` and the BFF's tests
 * do: the launcher's own tests check that a second call reuses them and refuses what it did not start.
 */
export default async function globalSetup(): Promise<void> {
  globalThis.jiefangServices = await startLocalServices({
    log: (message) => process.stderr.write(`${message}\n`),
  });
}
