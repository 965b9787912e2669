import pino from 'pino';
import { ManualClock } from './clock';
import { pingFreshConnection } from './mongo';
import { mongoWatchdog } from './mongoWatchdog';

const mongoUri = process.env.TEST_MONGODB_URI as string;
const silent = pino({ level: 'silent' });
const wedgedDriver = (): Promise<void> => Promise.reject(new Error('read ECONNRESET'));

function watchdogWith(probeFreshConnection: () => Promise<void>, ping = wedgedDriver) {
  const clock = new ManualClock();
  let exits = 0;
  const watchdog = mongoWatchdog({
    ping,
    probeFreshConnection,
    onWedged: () => {
      exits += 1;
    },
    clock,
    logger: silent,
    wedgedAfterMs: 30_000,
  });
  return { watchdog, clock, exits: () => exits };
}

describe('mongoWatchdog', () => {
  it('ends a process whose driver keeps failing while a fresh connection to the same server answers', async () => {
    const { watchdog, clock, exits } = watchdogWith(() => pingFreshConnection(mongoUri));
    expect(await watchdog.check()).toBe('down');
    clock.advance(29_000);
    expect(await watchdog.check()).toBe('down');
    expect(exits()).toBe(0);
    clock.advance(1_000);
    expect(await watchdog.check()).toBe('wedged');
    expect(exits()).toBe(1);
  });

  it('waits while MongoDB itself is away, however long', async () => {
    const { watchdog, clock, exits } = watchdogWith(() => pingFreshConnection('mongodb://127.0.0.1:9/', 300));
    await watchdog.check();
    clock.advance(10 * 60_000);
    expect(await watchdog.check()).toBe('down');
    expect(exits()).toBe(0);
  });

  it('starts counting again after a success', async () => {
    let healthy = false;
    const ping = () => (healthy ? Promise.resolve() : wedgedDriver());
    const { watchdog, clock, exits } = watchdogWith(() => pingFreshConnection(mongoUri), ping);
    await watchdog.check();
    clock.advance(25_000);
    healthy = true;
    expect(await watchdog.check()).toBe('ok');
    healthy = false;
    clock.advance(25_000);
    expect(await watchdog.check()).toBe('down');
    expect(exits()).toBe(0);
  });
});
